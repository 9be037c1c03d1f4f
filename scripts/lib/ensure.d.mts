// Types for ensure.mjs, so TypeScript tests can import it under `strict`.
export declare const root: string;
export declare const logsDir: string;
export declare function log(message: string): void;
export declare function ensureNodeModules(): void;
export declare function ensureDebianPackages(packages: string[], options?: { print?: (line: string) => void }): Promise<void>;
export declare function aptSummary(text: string, asked: string[]): string;
export declare function chromiumPath(): string | undefined;
