// Holds the local GitHub API server to GitHub's published description: every request it gets
// (method, path, query, body) and every response it sends (status, body) is checked against
// ../shared/specs/github-ops.json (or its GHES 3.19 twin), and operations outside that subset
// against the whole description in npm `@octokit/openapi` (the version SOURCES.tsv names).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../../helpers/corpus';

export type ApiFlavor = 'dotcom' | 'ghes-3.19';

const SUBSET_FILES: Record<ApiFlavor, string> = {
  dotcom: 'github-ops.json',
  'ghes-3.19': 'github-ghes-3.19-ops.json',
};
const FULL_FILES: Record<ApiFlavor, string> = {
  dotcom: 'api.github.com.json',
  'ghes-3.19': 'ghes-3.19.json',
};
export const specsDir = resolve(repoRoot, '..', 'shared', 'specs');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { operationId: string; parameters?: unknown[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> }; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components: { parameters: Record<string, Parameter> };
}

/** One operation of a description, as the server matched it. */
export interface Operation {
  /** `GET /repos/{owner}/{repo}/actions/runs`: the route, as Octokit and the description write it. */
  route: string;
  operationId: string;
  /** Which description it comes from: the subset, or the whole `@octokit/openapi` one. */
  source: 'subset' | 'full';
  params: Record<string, string>;
}

interface Compiled {
  doc: OpenApiDoc;
  id: string;
  source: 'subset' | 'full';
  /** Path templates as regular expressions, longest literal first so `/runs/{id}/jobs` wins over `/runs/{id}`. */
  templates: { template: string; regex: RegExp; names: string[] }[];
}

const shared = new Map<ApiFlavor, OpenApiChecker>();

/** The checker of one API flavor. Compiles schemas lazily; the whole description loads on first need. */
export class OpenApiChecker {
  /** One per flavor in a process: compiled schemas are reused by every server a test file starts. */
  static for(flavor: ApiFlavor): OpenApiChecker {
    let checker = shared.get(flavor);
    if (!checker) {
      checker = new OpenApiChecker(flavor);
      shared.set(flavor, checker);
    }
    return checker;
  }

  private readonly ajv: Ajv;
  private readonly subset: Compiled;
  private full: Compiled | undefined;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly flavor: ApiFlavor = 'dotcom') {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    addFormats(this.ajv);
    this.subset = this.load(join(specsDir, SUBSET_FILES[flavor]), `subset-${flavor}`, 'subset');
  }

  /** The operation a request is for, from the subset first; undefined when neither description has it. */
  match(method: string, path: string): Operation | undefined {
    return this.matchIn(this.subset, method, path) ?? this.matchIn(this.fullDoc(), method, path);
  }

  /** Problems with a request's path parameters, query and body; empty when it is as described. */
  checkRequest(op: Operation, query: URLSearchParams, body: unknown, hasBody: boolean): string[] {
    const doc = this.docOf(op);
    const [method, template] = splitRoute(op.route);
    const spec = doc.doc.paths[template][method.toLowerCase()];
    const params = (spec.parameters ?? []).map((p) => this.resolveParameter(doc.doc, p));
    const problems: string[] = [];
    for (const p of params.filter((x) => x.in === 'path')) {
      problems.push(...this.checkValue(doc, `${op.route} path ${p.name}`, p.schema, coerce(op.params[p.name], p.schema), `path parameter ${p.name}`));
    }
    const queryParams = params.filter((x) => x.in === 'query');
    for (const name of new Set(query.keys())) {
      const p = queryParams.find((x) => x.name === name);
      if (!p) {
        problems.push(`query parameter "${name}" is not in the description of ${op.route}`);
        continue;
      }
      const values = query.getAll(name);
      if (values.length > 1) problems.push(`query parameter "${name}" given ${values.length} times`);
      problems.push(...this.checkValue(doc, `${op.route} query ${name}`, p.schema, coerce(values[0], p.schema), `query parameter ${name}`));
    }
    for (const p of queryParams) if (p.required && !query.has(p.name)) problems.push(`required query parameter "${p.name}" missing`);
    const bodySpec = spec.requestBody;
    const bodySchema = bodySpec?.content?.['application/json']?.schema;
    if (!hasBody) {
      if (bodySpec?.required) problems.push(`${op.route} requires a JSON body`);
    } else if (!bodySchema) {
      problems.push(`${op.route} takes no body, got one`);
    } else {
      const pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
      problems.push(...this.check(doc, pointer, body, 'body'));
    }
    return problems;
  }

  /** Problems with a response body for `status`; statuses the operation does not describe must carry a message. */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const doc = this.docOf(op);
    const [method, template] = splitRoute(op.route);
    const spec = doc.doc.paths[template][method.toLowerCase()];
    const described = spec.responses[String(status)] as { $ref?: string; content?: Record<string, { schema?: unknown }> } | undefined;
    // Shared answers (403, 404, 422) are references into components.responses.
    const response = described?.$ref ? (doc.doc.components as unknown as { responses: Record<string, typeof described> }).responses[described.$ref.split('/').pop()!] : described;
    if (!response) {
      if (status >= 400) return typeof (body as { message?: unknown })?.message === 'string' ? [] : [`${status} answer without a "message"`];
      return [`${op.route} does not describe a ${status} answer`];
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return body === undefined ? [] : [`${op.route} describes no body for ${status}, the server sent one`];
    const pointer = described?.$ref
      ? `${described.$ref}/content/application~1json/schema`
      : `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
    return this.check(doc, pointer, body, `${status} body`);
  }

  /** The list of a description's operations in the subset: what the server must answer. */
  subsetRoutes(): string[] {
    return Object.entries(this.subset.doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  }

  private docOf(op: Operation): Compiled {
    return op.source === 'subset' ? this.subset : this.fullDoc();
  }

  private fullDoc(): Compiled {
    this.full ??= this.load(join(repoRoot, 'node_modules', '@octokit', 'openapi', 'generated', FULL_FILES[this.flavor]), `full-${this.flavor}`, 'full');
    return this.full;
  }

  private load(file: string, id: string, source: 'subset' | 'full'): Compiled {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDoc;
    allowNullInNullableEnums(doc);
    allowNullInUntypedNullables(doc);
    this.ajv.addSchema(doc as object, id);
    const templates = Object.keys(doc.paths)
      .map((template) => {
        const names: string[] = [];
        const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        return { template, regex: new RegExp(`^${pattern}$`), names, literal: template.replace(/\{[^}]+\}/g, '').length };
      })
      .sort((a, b) => b.literal - a.literal);
    return { doc, id, source, templates };
  }

  private matchIn(compiled: Compiled, method: string, path: string): Operation | undefined {
    for (const t of compiled.templates) {
      const m = t.regex.exec(path);
      if (!m) continue;
      const spec = compiled.doc.paths[t.template][method.toLowerCase()];
      if (!spec) continue;
      const params = Object.fromEntries(t.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { route: `${method.toUpperCase()} ${t.template}`, operationId: spec.operationId, source: compiled.source, params };
    }
    return undefined;
  }

  private resolveParameter(doc: OpenApiDoc, p: unknown): Parameter {
    const ref = (p as { $ref?: string }).$ref;
    return ref ? doc.components.parameters[ref.split('/').pop()!] : (p as Parameter);
  }

  private checkValue(doc: Compiled, key: string, schema: unknown, value: unknown, what: string): string[] {
    if (schema === undefined) return [];
    let validate = this.validators.get(`${doc.id} ${key}`);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema, doc.id) as object);
      this.validators.set(`${doc.id} ${key}`, validate);
    }
    return validate(value) ? [] : formatErrors(validate.errors, what);
  }

  private check(doc: Compiled, pointer: string, value: unknown, what: string): string[] {
    const key = `${doc.id}${pointer}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: key });
      this.validators.set(key, validate);
    }
    return validate(value) ? [] : formatErrors(validate.errors, what);
  }
}

/**
 * The description marks fields like a job's `conclusion` `nullable: true` with an `enum` that does
 * not list null; GitHub sends null for them (a running job has no conclusion yet), and OpenAPI 3.0.3
 * reads such an enum as excluding null. Read the description as GitHub means it: null allowed.
 */
function allowNullInNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInNullableEnums(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as { nullable?: unknown; enum?: unknown[] };
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  for (const value of Object.values(node)) allowNullInNullableEnums(value);
}

/**
 * OpenAPI 3.0.3 lets `nullable: true` stand beside `oneOf`/`anyOf`/`allOf` without a `type` (a
 * commit's `author`: a user, an empty object or null); Ajv accepts `nullable` only next to `type`.
 * Such a schema is read as what it says: null, or one of its branches.
 */
function allowNullInUntypedNullables(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) allowNullInUntypedNullables(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const value of Object.values(node)) allowNullInUntypedNullables(value);
  const schema = node as Record<string, unknown>;
  if (schema.nullable !== true || 'type' in schema) return;
  const { nullable: _nullable, ...rest } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  schema.anyOf = [{ type: 'null' }, rest];
}

function splitRoute(route: string): [string, string] {
  const space = route.indexOf(' ');
  return [route.slice(0, space), route.slice(space + 1)];
}

function escapePointer(path: string): string {
  return path.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Parameter schemas hold `#/components/…` refs; point them into the description they came from. */
function rebase(schema: unknown, id: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, id));
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${id}${v}` : rebase(v, id)]));
  }
  return schema;
}

/** Query and path values arrive as text; the description types them. */
function coerce(value: string | undefined, schema: unknown): unknown {
  const type = (schema as { type?: string } | undefined)?.type;
  if (value === undefined) return value;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function formatErrors(errors: ErrorObject[] | null | undefined, what: string): string[] {
  return (errors ?? []).slice(0, 5).map((e) => `${what}${e.instancePath}: ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
}
