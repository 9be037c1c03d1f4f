// Types for startOptions.mjs, so TypeScript tests can import it under `strict`.
export declare class StartUsageError extends Error {}
export declare function parseStartArgs(argv: string[]): { reset: boolean; help: boolean };
export declare function startUsage(): string;
