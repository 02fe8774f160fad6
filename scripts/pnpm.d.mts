import type { SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';

export declare const ROOT: string;
export declare const PNPM_VERSION: string;
export declare function pnpmCommand(args: string[]): { command: string; args: string[] };
export declare function pnpmSync(args: string[], options?: SpawnSyncOptions): SpawnSyncReturns<Buffer>;
export declare function pnpm(cwd: string, args: string[], timeoutMs?: number): Promise<string>;
