// Types for package.mjs, so TypeScript tests can import it under `strict`.
export declare const vsixPath: string;
export declare function packageExtension(options?: { rebuild?: boolean; print?: (line: string) => void }): Promise<string>;
export declare function vsceSummary(text: string): string[];
