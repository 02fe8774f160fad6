export declare const BUILT_PACKAGES: readonly string[];
export declare function staleBuild(packages?: readonly string[]): string | undefined;
export declare function assertFreshBuild(packages?: readonly string[]): void;
