// The public JSON schemas of the three dialects (../shared/schemas, see SOURCES.tsv), compiled
// with ajv, to check that an edit keeps a valid file valid. Read in place; absent → skipped.
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, parseAllDocuments, type Document } from 'yaml';
import type { Dialect } from '../../src/core/model';
import { repoRoot } from './corpus';

export const schemasDir = resolve(repoRoot, '..', 'shared', 'schemas');

const SCHEMA_FILES: Record<Dialect, string[]> = {
  github: ['github-workflow.json'],
  // SchemaStore's schema and gitlab-ci-local's; a file is held to each one it passes.
  gitlab: ['gitlab-ci.json', 'ci.json'],
  azure: ['service-schema.json'],
};

export interface PipelineSchema {
  file: string;
  /** Undefined when the schema is missing or does not compile; `skipReason` says why. */
  validate?: ValidateFunction;
  skipReason?: string;
  /** How it had to be compiled, when not with the defaults. */
  note?: string;
}

const cache = new Map<Dialect, PipelineSchema[]>();

export function pipelineSchemas(dialect: Dialect): PipelineSchema[] {
  let schemas = cache.get(dialect);
  if (!schemas) {
    schemas = SCHEMA_FILES[dialect].map(compileSchema);
    cache.set(dialect, schemas);
  }
  return schemas;
}

// Azure Pipelines converts scalars to the type a field wants (its schema types most fields as
// strings: `increments: [10, 50]` is a list of strings there, `timeoutInMinutes` an integer), so
// its schema is applied with ajv's type coercion.
const COERCING = new Set(['service-schema.json']);

function compileSchema(file: string): PipelineSchema {
  const path = join(schemasDir, file);
  if (!existsSync(path)) return { file, skipReason: `${path} not found` };
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  try {
    return { file, validate: newAjv(true, COERCING.has(file)).compile(schema) };
  } catch (first) {
    // Azure's service schema has patterns like `[^\/~\^\: \[\]\\]` whose escapes are invalid
    // under the `u` flag ajv uses by default; they are valid (and meant) without it.
    try {
      return {
        file,
        validate: newAjv(false, COERCING.has(file)).compile(schema),
        note: `compiled with unicodeRegExp: false (with ajv's defaults: ${message(first)})`,
      };
    } catch (second) {
      return { file, skipReason: `does not compile with ajv: ${message(second)}` };
    }
  }
}

function newAjv(unicodeRegExp: boolean, coerceTypes: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp, coerceTypes });
  addFormats(ajv);
  return ajv;
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
}

// GitLab's `!reference [job, key]`: kept as the list it is, as GitLab's schema expects.
const referenceTag = { tag: '!reference', collection: 'seq' as const, resolve: (value: unknown) => value };

/**
 * The pipeline document as plain JSON data, the way the CI service reads it (merge keys
 * applied), or undefined when the YAML does not load.
 */
export function pipelineData(text: string): unknown {
  const docs = parseAllDocuments(text, { merge: true, customTags: [referenceTag] });
  if (!Array.isArray(docs) || docs.length === 0) return undefined;
  // As the core does: the last mapping document that is more than a GitLab component `spec:` header.
  const doc = [...docs].reverse().find((d) => isMap(d.contents) && !(d.contents.items.length === 1 && String((d.contents.items[0].key as { value?: unknown })?.value) === 'spec')) ?? docs[0];
  if ((doc as Document).errors.length > 0) return undefined;
  try {
    return doc.toJS({ maxAliasCount: -1 });
  } catch {
    return undefined;
  }
}

/** The first few schema errors, readable. */
export function schemaErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
}
