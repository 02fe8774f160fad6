// Ambient declaration of the one runtime module this package imports. Real Worker projects get
// the full declaration from @cloudflare/workers-types or `wrangler types`; this keeps the
// package's own type-check free of them (style: small local types, not a runtime type package).
declare module 'cloudflare:workers' {
  export abstract class DurableObject<Env = unknown> {
    protected ctx: import('./like.js').DurableObjectStateLike;
    protected env: Env;
    constructor(ctx: unknown, env: Env);
    fetch?(request: Request): Response | Promise<Response>;
  }
}
