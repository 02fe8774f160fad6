/** Files that quote figures in marked blocks. */
export declare const FILES: readonly string[];
/** Each block's content, rendered from bench/figures.json's content. */
export declare function renderBlocks(figures: unknown): Record<string, string>;
/** `text` with each marked block's content replaced; unknown block names are pushed to `unknown`. */
export declare function renderFile(text: string, blocks: Record<string, string>, unknown?: string[]): string;
