// The edit operations: one JSON shape for the webview protocol and `pipewright apply`. A public
// contract; node ids are the ones `pipewright graph --json` prints.
import { PACKAGE_MANAGERS, packageManager, type PackageManagerId } from '../packageManagers';

export type StageProperty = 'name' | 'runner' | 'environment' | 'gate' | 'strategy' | 'condition' | 'timeout' | 'concurrency';

export const STAGE_PROPERTIES: readonly StageProperty[] = [
  'name', 'runner', 'environment', 'gate', 'strategy', 'condition', 'timeout', 'concurrency',
];

export interface EnvironmentValue {
  name: string;
  url?: string;
}

export type GateValue =
  | { kind: 'manual' }
  | { kind: 'delayed'; after: string }
  | { kind: 'approvers'; approvers: string[]; instructions?: string };

/** Deployment strategy and its parameters. */
export type StrategyValue =
  | { kind: 'rolling'; maxSurge?: string; maxUnavailable?: string; maxParallel?: number }
  | { kind: 'blue-green' }
  | { kind: 'canary'; steps: number[] }
  | { kind: 'runOnce' };

export type EditOperation =
  | { op: 'renameStage'; stage: string; newId: string }
  | { op: 'deleteStage'; stage: string }
  | { op: 'addDependency'; stage: string; dependsOn: string }
  | { op: 'removeDependency'; stage: string; dependsOn: string }
  // GitLab: `lane` puts the new job in that stage (lane); without it the template's lane is used.
  | { op: 'addStage'; template: string; id: string; after?: string; before?: string; lane?: string }
  | { op: 'moveToStage'; stage: string; to: string }
  // GitLab lanes (`stages:`); `after` absent: at the end (before .post); `after: ".pre"`: first.
  | { op: 'addLane'; lane: string; after?: string }
  | { op: 'renameLane'; lane: string; newName: string }
  | { op: 'moveLane'; lane: string; after?: string }
  | { op: 'setProperty'; stage: string; property: 'name' | 'runner' | 'condition' | 'timeout'; value: string | number | null }
  // One run at a time per group: GitHub `concurrency:`, GitLab `resource_group:`.
  | { op: 'setProperty'; stage: string; property: 'concurrency'; value: string | null }
  | { op: 'setProperty'; stage: string; property: 'environment'; value: EnvironmentValue | null }
  | { op: 'setProperty'; stage: string; property: 'gate'; value: GateValue | null }
  | { op: 'setProperty'; stage: string; property: 'strategy'; value: StrategyValue | null }
  // GitHub: add `workflow_dispatch` to `on:`, so the workflow can be started by hand.
  | { op: 'addDispatchTrigger' }
  // Keep a package manager's downloads between runs (GitHub setup-* `cache:` or actions/cache,
  // GitLab `cache:`, Azure `Cache@2`), for the first step or script of the job that installs with it.
  | { op: 'addCache'; stage: string; manager: PackageManagerId }
  // GitHub: the job's steps using `uses` (OWNER/REPO@REF) point at commit `sha`, the ref kept in a comment.
  | { op: 'pinAction'; stage: string; uses: string; sha: string };

export type OperationName = EditOperation['op'];

/** How an operation looks in JSON and what it does: `pipewright apply --help` is written from this. */
export interface OperationShape {
  /** Field → placeholder, in the order they are written; a key ending in `?` is optional. */
  fields: Readonly<Record<string, string>>;
  does: string;
}

export const OPERATION_SHAPES: Readonly<Record<OperationName, OperationShape>> = {
  renameStage: { fields: { stage: 'ID', newId: 'NEW' }, does: 'rename a stage (job) and every reference to it' },
  deleteStage: { fields: { stage: 'ID' }, does: 'delete a stage and every reference to it' },
  addDependency: { fields: { stage: 'ID', dependsOn: 'ID' }, does: 'make "stage" wait for "dependsOn"' },
  removeDependency: { fields: { stage: 'ID', dependsOn: 'ID' }, does: 'stop "stage" waiting for "dependsOn"' },
  addStage: {
    fields: { template: 'NAME', id: 'NEW', 'after?': 'ID', 'before?': 'ID', 'lane?': 'LANE' },
    does: 'add stage "id" from a template (`pipewright templates`), after "after" and/or before "before"; "lane": GitLab only, the lane the new job goes in',
  },
  moveToStage: { fields: { stage: 'ID', to: 'STAGE' }, does: 'move a job to lane "to" (GitLab) or stage "to" (Azure)' },
  addLane: { fields: { lane: 'NAME', 'after?': 'LANE' }, does: 'GitLab: add a lane to `stages:`, at the end or after LANE (".pre": first)' },
  renameLane: { fields: { lane: 'NAME', newName: 'NEW' }, does: 'GitLab: rename a lane, in `stages:` and in its jobs' },
  moveLane: { fields: { lane: 'NAME', 'after?': 'LANE' }, does: 'GitLab: move a lane to the end, or after LANE (".pre": first)' },
  setProperty: { fields: { stage: 'ID', property: 'PROPERTY', value: 'VALUE' }, does: 'set a property of a stage; "value": null clears it' },
  addDispatchTrigger: { fields: {}, does: 'GitHub: add `workflow_dispatch` to `on:`, so the workflow can be started by hand' },
  addCache: {
    fields: { stage: 'ID', manager: 'MANAGER' },
    does: `keep a package manager's downloads between runs, for the job's first install with it (MANAGER: ${PACKAGE_MANAGERS.map((m) => m.id).join(', ')})`,
  },
  pinAction: {
    fields: { stage: 'ID', uses: 'OWNER/REPO@REF', sha: 'SHA' },
    does: 'GitHub: point the job\'s steps using OWNER/REPO@REF at the full commit SHA it resolves to, keeping REF in a comment',
  },
};

/** The JSON each property's `value` takes (besides null), one line per form. */
export const PROPERTY_VALUE_SHAPES: Readonly<Record<StageProperty, readonly string[]>> = {
  name: ['"TEXT"'],
  runner: ['"TEXT"   (GitHub runs-on, GitLab image, Azure pool)'],
  environment: ['{"name":NAME,"url"?:URL}'],
  gate: ['{"kind":"manual"}', '{"kind":"delayed","after":DURATION}   e.g. "30 minutes"', '{"kind":"approvers","approvers":[NAME,…],"instructions"?:TEXT}'],
  strategy: [
    '{"kind":"rolling","maxSurge"?:"25%","maxUnavailable"?:"0","maxParallel"?:N}',
    '{"kind":"blue-green"}',
    '{"kind":"canary","steps":[PERCENT,…]}   increasing, e.g. [10, 50]',
    '{"kind":"runOnce"}',
  ],
  condition: ['"EXPRESSION"   (GitHub if, GitLab rules: - if, Azure condition)'],
  timeout: ['MINUTES | "DURATION"'],
  concurrency: ['"GROUP"   (GitHub concurrency group, GitLab resource_group: one run at a time)'],
};

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validate one untrusted operation (from JSON or the webview). `where` prefixes messages. */
export function parseOperation(raw: unknown, where = 'operation'): Checked<EditOperation> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad(`${where} must be an object`);
  const o = raw as Record<string, unknown>;
  const str = (key: string): string | undefined => (typeof o[key] === 'string' && (o[key] as string).length > 0 ? (o[key] as string) : undefined);
  const need = (...keys: string[]): string | undefined => {
    for (const k of keys) if (str(k) === undefined) return `${where}: "${k}" must be a non-empty string`;
    return undefined;
  };
  let missing: string | undefined;
  switch (o.op) {
    case 'renameStage':
      if ((missing = need('stage', 'newId'))) return bad(missing);
      return good({ op: 'renameStage', stage: str('stage')!, newId: str('newId')! });
    case 'deleteStage':
      if ((missing = need('stage'))) return bad(missing);
      return good({ op: 'deleteStage', stage: str('stage')! });
    case 'addDependency':
    case 'removeDependency':
      if ((missing = need('stage', 'dependsOn'))) return bad(missing);
      return good({ op: o.op, stage: str('stage')!, dependsOn: str('dependsOn')! });
    case 'addStage': {
      if ((missing = need('template', 'id'))) return bad(missing);
      for (const k of ['after', 'before', 'lane']) {
        if (o[k] !== undefined && str(k) === undefined) return bad(`${where}: "${k}" must be a non-empty string when given`);
      }
      return good({
        op: 'addStage',
        template: str('template')!,
        id: str('id')!,
        ...(str('after') ? { after: str('after') } : {}),
        ...(str('before') ? { before: str('before') } : {}),
        ...(str('lane') ? { lane: str('lane') } : {}),
      });
    }
    case 'moveToStage':
      if ((missing = need('stage', 'to'))) return bad(missing);
      return good({ op: 'moveToStage', stage: str('stage')!, to: str('to')! });
    case 'setProperty':
      return parseSetProperty(o, where);
    case 'addLane':
    case 'moveLane':
      if ((missing = need('lane'))) return bad(missing);
      if (o.after !== undefined && str('after') === undefined) return bad(`${where}: "after" must be a non-empty string when given`);
      return good({ op: o.op, lane: str('lane')!, ...(str('after') ? { after: str('after') } : {}) });
    case 'renameLane':
      if ((missing = need('lane', 'newName'))) return bad(missing);
      return good({ op: 'renameLane', lane: str('lane')!, newName: str('newName')! });
    case 'addDispatchTrigger':
      return good({ op: 'addDispatchTrigger' });
    case 'addCache': {
      if ((missing = need('stage', 'manager'))) return bad(missing);
      const manager = packageManager(str('manager')!);
      if (!manager) return bad(`${where}: unknown "manager" ${JSON.stringify(o.manager)}; expected one of ${PACKAGE_MANAGERS.map((m) => m.id).join(', ')}`);
      return good({ op: 'addCache', stage: str('stage')!, manager: manager.id });
    }
    case 'pinAction': {
      if ((missing = need('stage', 'uses', 'sha'))) return bad(missing);
      if (!/^[^@\s]+\/[^@\s]+@[^@\s]+$/.test(str('uses')!)) return bad(`${where}: "uses" must be OWNER/REPO@REF, got ${JSON.stringify(o.uses)}`);
      if (!/^[0-9a-f]{40}$/.test(str('sha')!)) return bad(`${where}: "sha" must be a full commit sha (40 hex digits), got ${JSON.stringify(o.sha)}`);
      return good({ op: 'pinAction', stage: str('stage')!, uses: str('uses')!, sha: str('sha')! });
    }
    default:
      return bad(`${where}: unknown "op" ${JSON.stringify(o.op)}; expected one of ${Object.keys(OPERATION_SHAPES).join(', ')}`);
  }
}

/** Validate a whole list, e.g. the contents of an OPS.json file. */
export function parseOperationList(raw: unknown): Checked<EditOperation[]> {
  if (!Array.isArray(raw)) return bad('the operations must be a JSON array');
  const ops: EditOperation[] = [];
  for (const [i, item] of raw.entries()) {
    const r = parseOperation(item, `operation ${i + 1}`);
    if (!r.ok) return r;
    ops.push(r.value);
  }
  return good(ops);
}

function parseSetProperty(o: Record<string, unknown>, where: string): Checked<EditOperation> {
  if (typeof o.stage !== 'string' || o.stage === '') return bad(`${where}: "stage" must be a non-empty string`);
  const stage = o.stage;
  const value = o.value;
  if (!('value' in o)) return bad(`${where}: "value" is required (null clears the property)`);
  switch (o.property) {
    case 'name':
    case 'runner':
    case 'condition':
    case 'concurrency':
      if (value !== null && (typeof value !== 'string' || value.trim() === '')) {
        return bad(`${where}: ${o.property} must be a non-empty string or null`);
      }
      return good(o.property === 'concurrency' ? { op: 'setProperty', stage, property: 'concurrency', value } : { op: 'setProperty', stage, property: o.property, value });
    case 'timeout':
      if (value !== null && !(typeof value === 'number' && Number.isInteger(value) && value > 0) && typeof value !== 'string') {
        return bad(`${where}: timeout must be a positive whole number of minutes, a duration string, or null`);
      }
      return good({ op: 'setProperty', stage, property: 'timeout', value: value as string | number | null });
    case 'environment': {
      if (value === null) return good({ op: 'setProperty', stage, property: 'environment', value: null });
      const v = value as Record<string, unknown>;
      if (typeof value !== 'object' || typeof v.name !== 'string' || v.name.trim() === '') {
        return bad(`${where}: environment must be {"name", "url"?} or null`);
      }
      if (v.url !== undefined && (typeof v.url !== 'string' || !isUrlish(v.url))) {
        return bad(`${where}: environment url must be an http(s) URL, got ${JSON.stringify(v.url)}`);
      }
      return good({
        op: 'setProperty',
        stage,
        property: 'environment',
        value: { name: v.name, ...(typeof v.url === 'string' ? { url: v.url } : {}) },
      });
    }
    case 'gate': {
      const gate = parseGate(value, where);
      return gate.ok ? good({ op: 'setProperty', stage, property: 'gate', value: gate.value }) : gate;
    }
    case 'strategy': {
      const strategy = parseStrategy(value, where);
      return strategy.ok ? good({ op: 'setProperty', stage, property: 'strategy', value: strategy.value }) : strategy;
    }
    default:
      return bad(`${where}: unknown property ${JSON.stringify(o.property)}; expected one of ${STAGE_PROPERTIES.join(', ')}`);
  }
}

function parseGate(value: unknown, where: string): Checked<GateValue | null> {
  if (value === null) return good(null);
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return bad(`${where}: gate must be an object or null`);
  switch (v.kind) {
    case 'manual':
      return good({ kind: 'manual' });
    case 'delayed':
      if (typeof v.after !== 'string' || !isDuration(v.after)) {
        return bad(`${where}: a delayed gate needs "after" as a duration such as "30 minutes", got ${JSON.stringify(v.after)}`);
      }
      return good({ kind: 'delayed', after: v.after.trim() });
    case 'approvers': {
      const list = v.approvers;
      if (!Array.isArray(list) || list.length === 0 || !list.every((a) => typeof a === 'string' && a.trim() !== '')) {
        return bad(`${where}: an approvers gate needs "approvers" as a non-empty list of names`);
      }
      if (v.instructions !== undefined && typeof v.instructions !== 'string') {
        return bad(`${where}: gate instructions must be a string`);
      }
      return good({
        kind: 'approvers',
        approvers: list.map((a: string) => a.trim()),
        ...(typeof v.instructions === 'string' ? { instructions: v.instructions } : {}),
      });
    }
    default:
      return bad(`${where}: gate kind must be manual, delayed or approvers, got ${JSON.stringify(v.kind)}`);
  }
}

function parseStrategy(value: unknown, where: string): Checked<StrategyValue | null> {
  if (value === null) return good(null);
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return bad(`${where}: strategy must be an object or null`);
  switch (v.kind) {
    case 'runOnce':
    case 'blue-green':
      return good({ kind: v.kind });
    case 'rolling': {
      for (const k of ['maxSurge', 'maxUnavailable']) {
        if (v[k] !== undefined && !(typeof v[k] === 'string' && /^\d+%?$/.test(v[k] as string))) {
          return bad(`${where}: rolling ${k} must look like "25%" or "1"`);
        }
      }
      if (v.maxParallel !== undefined && !(Number.isInteger(v.maxParallel) && (v.maxParallel as number) > 0)) {
        return bad(`${where}: rolling maxParallel must be a positive whole number`);
      }
      return good({
        kind: 'rolling',
        ...(typeof v.maxSurge === 'string' ? { maxSurge: v.maxSurge } : {}),
        ...(typeof v.maxUnavailable === 'string' ? { maxUnavailable: v.maxUnavailable } : {}),
        ...(typeof v.maxParallel === 'number' ? { maxParallel: v.maxParallel } : {}),
      });
    }
    case 'canary': {
      const steps = v.steps;
      if (
        !Array.isArray(steps) || steps.length === 0 ||
        !steps.every((s) => Number.isInteger(s) && s > 0 && s <= 100) ||
        steps.some((s, i) => i > 0 && s <= steps[i - 1])
      ) {
        return bad(`${where}: canary steps must be increasing traffic percentages between 1 and 100, e.g. [10, 50]`);
      }
      return good({ kind: 'canary', steps: steps as number[] });
    }
    default:
      return bad(`${where}: strategy kind must be rolling, blue-green, canary or runOnce, got ${JSON.stringify(v.kind)}`);
  }
}

/** "30 minutes", "1 hour", "2h 30m", "90s", "1 day" (GitLab start_in forms). */
export function isDuration(text: string): boolean {
  const unit = '(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)';
  return new RegExp(`^\\s*(\\d+\\s*${unit}\\s*)+$`, 'i').test(text) && /\d/.test(text);
}

function isUrlish(text: string): boolean {
  // Environment URLs often hold CI variables (${{ steps.x.outputs.url }}, $CI_ENVIRONMENT_SLUG).
  return /^https?:\/\/\S+$/.test(text) || /^\$/.test(text);
}

function good<T>(value: T): Checked<T> {
  return { ok: true, value };
}

function bad(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
