/** bench/figures.json, as written by `npm run bench` (sections: performance, sizes). */
export declare const FIGURES_FILE: string;
export declare function readFigures(): Record<string, unknown>;
export declare function writeFigures(sections: Record<string, unknown>): void;
