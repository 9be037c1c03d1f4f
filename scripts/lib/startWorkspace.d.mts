// Types for startWorkspace.mjs, so TypeScript tests can import it under `strict`.
export declare const shippedSamples: string;
export declare const scratchWorkspace: string;
export declare const SHIPPED_COMMIT_MESSAGE: string;
export declare const startSettings: Readonly<Record<string, unknown>>;
export declare function prepareScratchWorkspace(options?: { from?: string; to?: string; reset?: boolean }): {
  dir: string;
  created: boolean;
  stale: boolean;
};
export declare function treeDigest(dir: string): string;
