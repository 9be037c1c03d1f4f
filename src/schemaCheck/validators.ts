// The dialects' JSON schemas, read from the vendored files and compiled with Ajv on first use
// (GitHub's and GitLab's in a fraction of a second, Azure's 1.6 MB in about two), then kept.
// Node only: the command line calls it directly, the editor loads it as a bundle of its own
// (dist/schema-check.js) after a pause in typing, never at activation.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { Dialect } from '../core/model';
import type { SchemaValidator, SchemaValidators } from '../core/rules/rule';
import type { SchemaError } from '../core/rules/schemaErrors';

export const SCHEMA_FILES: Readonly<Record<Dialect, string>> = {
  github: 'github-workflow.json',
  gitlab: 'gitlab-ci.json',
  azure: 'azure-pipelines.json',
};

/** The folder with the schema files: dist/schemas beside the bundle, or schemas/ in a checkout. */
export function schemaFolder(from: string): string | undefined {
  for (const candidate of [join(from, 'schemas'), join(from, '..', 'schemas'), join(from, '..', '..', 'schemas')]) {
    if (existsSync(join(candidate, SCHEMA_FILES.github))) return candidate;
  }
  return undefined;
}

/** Validators for the schemas in `folder`, each compiled when its dialect is first checked. */
export function schemaValidators(folder: string): SchemaValidators {
  const compiled = new Map<Dialect, SchemaValidator | undefined>();
  return (dialect) => {
    if (!compiled.has(dialect)) compiled.set(dialect, compile(join(folder, SCHEMA_FILES[dialect]), dialect));
    return compiled.get(dialect);
  };
}

function compile(file: string, dialect: Dialect): SchemaValidator | undefined {
  if (!existsSync(file)) return undefined;
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (dialect === 'azure') {
    withoutTaskInputs(schema);
    caseInsensitiveEnums(schema);
  }
  // strict: false — the schemas use keywords of their editors (markdownDescription, doNotSuggest…);
  // unicodeRegExp: false — Azure's patterns escape characters the `u` flag rejects.
  // verbose: errors carry the schema that produced them, which tells a combinator's branches apart.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: false, unicodeRegExp: false });
  ajv.addKeyword({ keyword: ENUM_IGNORING_CASE, type: 'string', schemaType: 'array', errors: true, validate: enumIgnoringCase });
  const validate = ajv.compile(schema);
  return {
    validate(data) {
      return validate(data) ? [] : ((validate.errors ?? []) as SchemaError[]);
    },
    resolveRef(ref) {
      if (!ref.startsWith('#/')) return undefined;
      let node: unknown = schema;
      for (const part of ref.slice(2).split('/')) {
        const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
        node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      }
      return node;
    },
  };
}

/**
 * Azure's schema lists the built-in tasks (most of its 1.6 MB) with their inputs typed more
 * strictly than Azure reads them (every input is text there; the schema wants `true`, not
 * `'true'`), and does not know Marketplace or organisation tasks at all, which Azure runs. A task
 * step is checked as a step (`task:` text, `inputs:` a mapping, the step keys), not per task:
 * no false alarms on real inputs, and the schema compiles in a fraction of the time.
 */
function withoutTaskInputs(schema: Record<string, unknown>): void {
  const task = (schema.definitions as Record<string, Record<string, unknown>> | undefined)?.task;
  if (!task || typeof task.properties !== 'object' || task.properties === null) return;
  const properties = task.properties as Record<string, unknown>;
  properties.task = { type: 'string', description: 'The task to run, NAME@VERSION' };
  properties.inputs = { type: 'object', description: 'The task\'s inputs' };
  delete task.anyOf;
}

/**
 * Azure compares task names and some values without case (`ignoreCase: "value"` beside `enum`),
 * which JSON schema cannot say: such an enum becomes a pattern that ignores case.
 */
function caseInsensitiveEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) caseInsensitiveEnums(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.ignoreCase === 'value' && Array.isArray(o.enum) && o.enum.every((v) => typeof v === 'string')) {
    o[ENUM_IGNORING_CASE] = o.enum;
    delete o.enum;
  }
  for (const value of Object.values(o)) caseInsensitiveEnums(value);
}

const ENUM_IGNORING_CASE = 'x-pipewright-enum-ignoring-case';

/** The values of an Azure enum, compared without case; its error reads like `enum`'s. */
function enumIgnoringCase(this: unknown, allowed: string[], data: string): boolean {
  const ok = allowed.some((v) => v.toLowerCase() === data.toLowerCase());
  if (!ok) (enumIgnoringCase as unknown as { errors: unknown[] }).errors = [{ keyword: 'enum', params: { allowedValues: allowed }, message: 'must be equal to one of the allowed values' }];
  return ok;
}
