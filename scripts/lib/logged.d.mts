// Types for logged.mjs, so TypeScript tests can import it under `strict`.
export interface RunLoggedOptions {
  title: string;
  cmd: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  note?: string;
  doing?: (logText: string) => string;
  summarize?: (logText: string) => string[];
  everyMs?: number;
  startedAt?: number;
  announce?: boolean;
  print?: (line: string) => void;
}
export declare function runLogged(options: RunLoggedOptions): Promise<{ ms: number; summary: string[] }>;
export declare function lastLine(text: string): string;
export declare function formatDuration(ms: number): string;
export declare function shown(path: string): string;
