/** Where bundles, the import map and DENO_DIR live (inside node_modules). */
export declare const CACHE_DIR: string;
/** Bundles `@ocpp-ws-io/deno` from source for Deno and writes an import map for it. */
export declare function prepareDenoImportMap(outDir?: string): Promise<{ importMap: string; bundle: string }>;
/** The Deno binary of the pinned `deno` npm package. */
export declare function denoBinary(): string;
