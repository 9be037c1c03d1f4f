// Package managers a pipeline installs dependencies with, and how each one's downloads are kept
// between runs: the command that installs, the lock file a cache is keyed on, where it keeps
// what it downloads, and the setup action input that caches it on GitHub. The no-dependency-cache
// rule finds the install; the edit engine's addCache writes the cache from the same facts.

export type PackageManagerId =
  | 'npm' | 'yarn' | 'pnpm' | 'pip' | 'poetry' | 'bundler' | 'composer' | 'go' | 'maven' | 'gradle' | 'nuget' | 'cargo';

export interface PackageManager {
  id: PackageManagerId;
  /** A command that downloads the dependencies. */
  install: RegExp;
  /** The lock file a cache key follows, at the repository root (GitLab `cache:key:files`, Azure `Cache@2` key). */
  lockFile: string;
  /** The same as a `hashFiles()` pattern (GitHub), which may match several. */
  lockPattern: string;
  /** Where it keeps downloads by default, for `actions/cache` (`~` works on every runner). */
  homePaths: readonly string[];
  /**
   * The variable that moves its download cache, and the folder (under the workspace) a GitLab
   * or Azure cache keeps: their caches hold only what is inside the project or workspace.
   * Absent: the fix is GitHub's alone.
   */
  cacheVariable?: { name: string; folder: string };
  /** GitHub: the setup action that caches it when given `cache: VALUE`. */
  setupAction?: { uses: RegExp; cache: string };
}

const SETUP_NODE = /^actions\/setup-node@/i;
const SETUP_PYTHON = /^actions\/setup-python@/i;
const SETUP_JAVA = /^actions\/setup-java@/i;

export const PACKAGE_MANAGERS: readonly PackageManager[] = [
  {
    id: 'npm', install: /\bnpm\s+(?:ci|install|i)\b/, lockFile: 'package-lock.json', lockPattern: '**/package-lock.json',
    homePaths: ['~/.npm'], cacheVariable: { name: 'npm_config_cache', folder: '.npm' }, setupAction: { uses: SETUP_NODE, cache: 'npm' },
  },
  {
    id: 'yarn', install: /\byarn(?:\s+install\b|\s*$|\s+--frozen-lockfile)/m, lockFile: 'yarn.lock', lockPattern: '**/yarn.lock',
    homePaths: ['~/.cache/yarn', '~/Library/Caches/Yarn', '~/AppData/Local/Yarn/Cache'],
    cacheVariable: { name: 'YARN_CACHE_FOLDER', folder: '.yarn-cache' }, setupAction: { uses: SETUP_NODE, cache: 'yarn' },
  },
  {
    id: 'pnpm', install: /\bpnpm\s+(?:install|i)\b/, lockFile: 'pnpm-lock.yaml', lockPattern: '**/pnpm-lock.yaml',
    homePaths: ['~/.local/share/pnpm/store', '~/Library/pnpm/store', '~/AppData/Local/pnpm/store'],
    cacheVariable: { name: 'npm_config_store_dir', folder: '.pnpm-store' }, setupAction: { uses: SETUP_NODE, cache: 'pnpm' },
  },
  {
    id: 'pip', install: /\bpip3?\s+install\b/, lockFile: 'requirements.txt', lockPattern: '**/requirements*.txt',
    homePaths: ['~/.cache/pip', '~/Library/Caches/pip', '~/AppData/Local/pip/Cache'],
    cacheVariable: { name: 'PIP_CACHE_DIR', folder: '.pip-cache' }, setupAction: { uses: SETUP_PYTHON, cache: 'pip' },
  },
  {
    id: 'poetry', install: /\bpoetry\s+install\b/, lockFile: 'poetry.lock', lockPattern: '**/poetry.lock',
    homePaths: ['~/.cache/pypoetry', '~/Library/Caches/pypoetry', '~/AppData/Local/pypoetry/Cache'],
    cacheVariable: { name: 'POETRY_CACHE_DIR', folder: '.poetry-cache' }, setupAction: { uses: SETUP_PYTHON, cache: 'poetry' },
  },
  {
    id: 'bundler', install: /\bbundle\s+install\b/, lockFile: 'Gemfile.lock', lockPattern: '**/Gemfile.lock',
    homePaths: ['vendor/bundle'], cacheVariable: { name: 'BUNDLE_PATH', folder: 'vendor/bundle' },
  },
  {
    id: 'composer', install: /\bcomposer\s+install\b/, lockFile: 'composer.lock', lockPattern: '**/composer.lock',
    homePaths: ['~/.cache/composer', '~/Library/Caches/composer', '~/AppData/Local/Composer'],
    cacheVariable: { name: 'COMPOSER_CACHE_DIR', folder: '.composer-cache' },
  },
  {
    id: 'go', install: /\bgo\s+mod\s+download\b/, lockFile: 'go.sum', lockPattern: '**/go.sum',
    homePaths: ['~/go/pkg/mod'], cacheVariable: { name: 'GOMODCACHE', folder: '.go-mod' },
  },
  // Maven's repository moves only through MAVEN_OPTS or settings, which the job may set already.
  { id: 'maven', install: /\bmvn\b/, lockFile: 'pom.xml', lockPattern: '**/pom.xml', homePaths: ['~/.m2/repository'], setupAction: { uses: SETUP_JAVA, cache: 'maven' } },
  {
    id: 'gradle', install: /\.?\/?gradlew?\b/, lockFile: 'build.gradle', lockPattern: '**/*.gradle*',
    homePaths: ['~/.gradle/caches', '~/.gradle/wrapper'], cacheVariable: { name: 'GRADLE_USER_HOME', folder: '.gradle-home' },
    setupAction: { uses: SETUP_JAVA, cache: 'gradle' },
  },
  {
    id: 'nuget', install: /\bdotnet\s+restore\b/, lockFile: 'packages.lock.json', lockPattern: '**/packages.lock.json',
    homePaths: ['~/.nuget/packages'], cacheVariable: { name: 'NUGET_PACKAGES', folder: '.nuget/packages' },
  },
  // Moving CARGO_HOME also moves the tools installed in it: the fix is GitHub's alone.
  { id: 'cargo', install: /\bcargo\s+(?:build|test|fetch)\b/, lockFile: 'Cargo.lock', lockPattern: '**/Cargo.lock', homePaths: ['~/.cargo/registry', '~/.cargo/git', 'target'] },
];

/** The package manager a command installs with, if any (the first in the table that matches). */
export function installingManager(command: string): PackageManager | undefined {
  return PACKAGE_MANAGERS.find((m) => m.install.test(command));
}

export function packageManager(id: string): PackageManager | undefined {
  return PACKAGE_MANAGERS.find((m) => m.id === id);
}
