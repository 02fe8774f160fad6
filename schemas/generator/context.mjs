// Per-output-file state: hoisted constants (deduplicated), helper imports, generated names.
// Hoisting matters for speed and size: identical leaf schemas (e.g. "string, max 20") are built
// once per module, and every object/array gets one named check function with static property reads.

export class FileContext {
  /** @param {{ defsModule: boolean, defNames: Set<string> }} opts */
  constructor(opts) {
    this.defsModule = opts.defsModule;
    this.defNames = opts.defNames;
    this.runtime = new Set(); // helpers imported from runtime.ts
    this.defImports = new Set(); // names imported from _defs.ts
    this.leaves = new Map(); // expr -> name
    this.blocks = []; // emitted declarations, in dependency order
    this.names = new Set();
  }

  use(...helpers) {
    for (const h of helpers) this.runtime.add(h);
  }

  /** A unique identifier built from a hint. */
  unique(hint) {
    let base = hint.replace(/[^A-Za-z0-9_$]/g, '_');
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let name = base;
    for (let i = 2; this.names.has(name); i++) name = `${base}${i}`;
    this.names.add(name);
    return name;
  }

  /** Hoists a leaf schema expression to a module constant, once per distinct expression. */
  leaf(hint, expr) {
    let name = this.leaves.get(expr);
    if (!name) {
      name = this.unique(`$${hint}`);
      this.leaves.set(expr, name);
      this.blocks.push(`const ${name} = /* @__PURE__ */ ${expr};`);
    }
    return name;
  }

  /** A definition reference: local in the _defs module, imported elsewhere. */
  def(name) {
    if (!this.defNames.has(name)) throw new Error(`unknown definition ${name}`);
    if (!this.defsModule) {
      this.defImports.add(`${name}Schema`);
      this.defImports.add(`is${name}`);
      this.defImports.add(`type ${name}`);
    }
  }

  push(block) {
    this.blocks.push(block);
  }
}
