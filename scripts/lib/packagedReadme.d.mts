// Types for packagedReadme.mjs, so TypeScript tests can import it under `strict`.
export declare function packagedReadme(markdown: string, options: { dir: string; repositoryUrl?: string }): string;
export declare function repositoryWebUrl(pkg: { repository?: string | { url?: string } }): string | undefined;
