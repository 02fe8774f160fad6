// Per-output-file state: hoisted declarations, helper imports, generated names.
// Every object/array gets one named check function with static property reads. valibot schemas are
// built lazily: the exported ones are `lazyObj`/`lazyEnum` constants whose entries are a function,
// and every other (leaf, array, nested object) schema is an expression inside those functions, so
// loading a module builds no valibot schema at all.

export class FileContext {
  /** @param {{ defsModule: boolean, defNames: Set<string> }} opts */
  constructor(opts) {
    this.defsModule = opts.defsModule;
    this.defNames = opts.defNames;
    this.runtime = new Set(); // helpers imported from runtime.ts
    this.defImports = new Set(); // names imported from _defs.ts
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

  /** A leaf schema expression; evaluated only inside a lazy schema's entries function. */
  leaf(_hint, expr) {
    return expr;
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
