// Where a published schema is stricter than its platform, or older than settings the platform
// accepts: those errors are not reported. Each entry says why (docs/rules/schema.md lists them);
// the corpus golden names the files where one applied (test/core/lint-corpus.golden.json).
import type { Dialect } from '../model';
import { pointerParts, type SchemaInstance } from './schemaData';
import type { SchemaError } from './schemaErrors';

export interface SchemaFault {
  dialects: readonly Dialect[];
  /** Why the schema is wrong here, as the docs page quotes it. */
  reason: string;
  applies(error: SchemaError, at: FaultContext): boolean;
}

export interface FaultContext {
  parts: readonly string[];
  /** The value the error is about. */
  value: unknown;
  /** The file's top-level mapping. */
  root: Record<string, unknown>;
}

const SCALAR_TYPES = new Set(['string', 'boolean', 'number', 'integer']);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const typesOf = (e: SchemaError) => (Array.isArray(e.params.type) ? e.params.type : String(e.params.type).split(',')).map(String);

// Settings GitLab added after the vendored schema was published.
const NEWER_GITLAB_SETTINGS = new Set(['id_tokens', 'coverage_report', 'access', 'auto_cancel', 'component', 'inputs', 'parallel', 'manual_confirmation', 'changes', 'exists', 'identity', 'run', 'pages', 'hooks', 'annotations']);

export const SCHEMA_FAULTS: readonly SchemaFault[] = [
  {
    dialects: ['github', 'gitlab', 'azure'],
    reason: 'an empty value (`KEY:` with nothing after it) is read as not set or as empty text; the schemas want a value',
    applies: (e, at) => e.keyword === 'type' && at.value === null,
  },
  {
    dialects: ['azure'],
    reason: 'Azure reads every value as text (`60`, `\'60\'` and `true` are all fine where a number or a boolean is meant); the schema types them',
    applies: (e, at) => e.keyword === 'type' && isScalar(at.value) && typesOf(e).every((t) => SCALAR_TYPES.has(t)),
  },
  {
    dialects: ['github'],
    reason: 'GitHub takes a single pattern where a list of them is expected (`branches: main`)',
    applies: (e, at) => e.keyword === 'type' && typeof at.value === 'string' && typesOf(e).includes('array') && at.parts[0] === 'on',
  },
  {
    dialects: ['github'],
    reason: 'GitHub takes `\'true\'`/`\'false\'` as the default of a boolean `workflow_dispatch` input',
    applies: (e, at) => at.parts[0] === 'on' && at.parts[at.parts.length - 1] === 'default' && typeof at.value === 'string' && /^(?:true|false)$/.test(at.value),
  },
  {
    dialects: ['github'],
    reason: 'GitHub runs a job whose `strategy:` has no `matrix:` (only `fail-fast`, `max-parallel`)',
    applies: (e, at) => e.keyword === 'required' && e.params.missingProperty === 'matrix' && at.parts[at.parts.length - 1] === 'strategy',
  },
  {
    dialects: ['gitlab'],
    reason: 'the vendored GitLab schema predates settings GitLab has added since (`id_tokens`, `artifacts:reports:coverage_report`, `artifacts:access`, `workflow:rules:auto_cancel`, `include:component`/`inputs`, `needs:parallel`…)',
    applies: (e, at) => (e.keyword === 'additionalProperties' && NEWER_GITLAB_SETTINGS.has(String(e.params.additionalProperty)))
      || (at.parts[0] === 'include' && typeof at.value === 'object' && at.value !== null && ['component', 'inputs', 'rules', 'integrity'].some((k) => k in (at.value as object)))
      || (at.parts.includes('needs') && typeof at.value === 'object' && at.value !== null && 'parallel' in (at.value as object)),
  },
  {
    dialects: ['gitlab'],
    reason: 'a job with no `script:` in a file that includes others may be completed by a job of the same name there (GitLab merges them)',
    applies: (e, at) => e.keyword === 'required' && at.parts.length === 1 && ['script', 'extends', 'trigger', 'run'].includes(String(e.params.missingProperty)) && 'include' in at.root,
  },
  {
    dialects: ['gitlab'],
    reason: 'GitLab accepts an empty `artifacts:paths` (it clears what `extends` brought) and booleans as variable values (read as text)',
    applies: (e, at) => (e.keyword === 'minItems' && at.parts[at.parts.length - 1] === 'paths')
      || (e.keyword === 'type' && typeof at.value === 'boolean' && at.parts.includes('variables')),
  },
  {
    dialects: ['gitlab'],
    reason: 'a job that `extends:` others gets the settings it lacks from them (GitLab merges mappings such as `environment:` key by key), which the schema cannot see; newer forms of `secrets:` (`vault: path@engine`, `token:`) and `environment:action` (`verify`, `access`) are missing from it',
    applies: (e, at) => (e.keyword === 'required' && at.parts.length >= 2 && jobExtends(at.root, at.parts[0]))
      || (at.parts[1] === 'secrets' && e.keyword === 'type')
      || (at.parts[at.parts.length - 1] === 'action' && (at.value === 'verify' || at.value === 'access')),
  },
  {
    dialects: ['azure'],
    reason: 'a template may declare `parameters:` as a mapping of defaults (the older form Azure still reads); path filters (`trigger:paths`, `pr:paths`) take wildcards the schema\'s branch-name pattern forbids',
    applies: (e, at) => (at.parts.length === 1 && at.parts[0] === 'parameters' && e.keyword === 'type' && typeof at.value === 'object' && !Array.isArray(at.value))
      || (e.keyword === 'pattern' && at.parts.includes('paths')),
  },
];

function jobExtends(root: Record<string, unknown>, job: string): boolean {
  const value = root[job];
  return value !== null && typeof value === 'object' && 'extends' in (value as object);
}

export function knownFault(dialect: Dialect, e: SchemaError, instance: Pick<SchemaInstance, 'data'>): SchemaFault | undefined {
  const parts = pointerParts(e.instancePath);
  let value: unknown = instance.data;
  for (const p of parts) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined;
  const root = instance.data !== null && typeof instance.data === 'object' ? (instance.data as Record<string, unknown>) : {};
  return SCHEMA_FAULTS.find((f) => f.dialects.includes(dialect) && f.applies(e, { parts, value, root }));
}
