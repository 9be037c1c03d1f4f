// The lint configuration the editor uses: the `pipewright.lint.*` settings, then `.pipewright.yml`
// at the root of the document's workspace folder (the repository's policy, which `pipewright lint`
// in CI reads too) on top. The files are read at start and when they change; their text is
// parsed on first use, with the engine (activation must not load it).
import * as vscode from 'vscode';
import type { LintConfig } from '../../core/rules/config';
import { engine } from '../engine/load';
import type { EnvironmentProtection } from '../../core/rules/rule';
import { log } from '../log';

const CONFIG_FILE = '.pipewright.yml';

export class LintSettings implements vscode.Disposable {
  /** Each folder's `.pipewright.yml`: its text as read, then its configuration once parsed. */
  private readonly files = new Map<string, { path: string; text: string; config?: LintConfig | null }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when settings or a `.pipewright.yml` changed: findings must be worked out again. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private protection: ReadonlyMap<string, EnvironmentProtection> | undefined;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    const reload = () => {
      this.files.clear();
      void this.loadAll().then(() => this.changed.fire());
    };
    this.subscriptions = [
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidChangeWorkspaceFolders(reload),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('pipewright.lint')) this.changed.fire();
      }),
      this.changed,
    ];
    void this.loadAll().then(() => this.changed.fire());
  }

  /** The configuration for a document: its folder's settings, then its folder's `.pipewright.yml`. */
  configFor(uri: vscode.Uri): LintConfig {
    const { configFromData, mergeConfigs, EMPTY_CONFIG, RULE_IDS } = engine();
    const settings = vscode.workspace.getConfiguration('pipewright.lint', uri);
    const fromSettings = configFromData(
      {
        rules: settings.get<Record<string, unknown>>('rules') ?? {},
        ...(settings.get<string[]>('productionEnvironments')?.length ? { productionEnvironments: settings.get<string[]>('productionEnvironments') } : {}),
      },
      'settings (pipewright.lint)',
      RULE_IDS,
    );
    if (!fromSettings.ok) log().warn(`ignoring lint settings: ${fromSettings.errors.join('; ')}`);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const fromFile = folder ? this.fileConfig(folder.uri.toString()) : undefined;
    return mergeConfigs(fromSettings.ok ? fromSettings.config : EMPTY_CONFIG, fromFile ?? EMPTY_CONFIG);
  }

  /** A folder's `.pipewright.yml` as configuration, parsed once; undefined when absent or bad. */
  private fileConfig(folder: string): LintConfig | undefined {
    const file = this.files.get(folder);
    if (!file) return undefined;
    if (file.config === undefined) {
      const { configFromFile, RULE_IDS } = engine();
      const r = configFromFile(file.text, file.path, RULE_IDS);
      file.config = r.ok ? r.config : null;
      if (!r.ok) log().warn(`ignoring ${file.path}: ${r.errors.join('; ')}`);
    }
    return file.config ?? undefined;
  }

  /**
   * What the signed-in GitHub repository says about its environments' approvals (undefined when
   * not signed in); the gate rules of GitHub workflows use it.
   */
  get environmentProtection(): ReadonlyMap<string, EnvironmentProtection> | undefined {
    return this.protection;
  }

  setEnvironmentProtection(protection: ReadonlyMap<string, EnvironmentProtection> | undefined): void {
    const same = protection === this.protection || (protection && this.protection && protection.size === this.protection.size && [...protection].every(([k, v]) => this.protection!.get(k) === v));
    if (same) return;
    this.protection = protection;
    this.changed.fire();
  }

  private async loadAll(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue; // no file: nothing to add
      }
      this.files.set(folder.uri.toString(), { path: uri.fsPath, text });
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
