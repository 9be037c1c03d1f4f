// Types for codeServer.mjs, so the TypeScript test harness can import it under `strict`.
export declare const root: string;
export declare const cacheRoot: string;
export declare function chromiumPath(): string | undefined;

export declare const debianPackagesForTests: string[];
export declare function codeServerVersionFor(nodeMajor: number): string;
export interface InstalledCodeServer {
  version: string;
  dir: string;
  entry: string;
}
/** Installs code-server when missing (with its Debian packages); where it is. */
export declare function ensureCodeServer(options?: { print?: (line: string) => void }): Promise<InstalledCodeServer>;
/** Where the installed code-server is; throws when it is not installed. */
export declare function installedCodeServer(): InstalledCodeServer;
export declare function allowLockedInstallScripts(folder: string): string[];
export declare function installCodeServer(
  version: string,
  dir: string,
  options?: { print?: (line: string) => void; everyMs?: number },
): Promise<void>;

export interface ProfileDirs {
  extensionsDir: string;
  userDataDir: string;
}
export declare function installVsix(vsixPath: string, dirs: ProfileDirs): void;

export declare const quietSettings: Record<string, unknown>;
export declare function writeUserSettings(userDataDir: string, extraSettings?: Record<string, unknown>): void;
export declare function findFreePort(): Promise<number>;
export declare function portIsFree(port: number): Promise<boolean>;

export interface StartOptions extends ProfileDirs {
  workspace: string;
  port?: number;
  /** Treat the workspace as trusted (default). false: restricted mode until the user trusts it. */
  trust?: boolean;
  /** Merged over quietSettings into User/settings.json. */
  settings?: Record<string, unknown>;
  /** Default: <userDataDir>/code-server.log. */
  logFile?: string;
  readyTimeoutMs?: number;
  /** TMPDIR of the server's processes, where VS Code puts its sockets; default: the caller's. */
  tmpDir?: string;
}
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
  /** Settles when the server process ends, whoever ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export declare function startCodeServer(options: StartOptions): Promise<RunningCodeServer>;
