// Reading an API answer at the boundary: each field is checked for the type the mapping needs,
// and the first one that is not says where it is ("workflow_runs[3].status: expected a string,
// got 42"). Unknown fields are ignored, so a platform may add to its answers. Shared by every
// provider's payload mapping; pure.

/** An answer without the documented shape; `path` names the field. */
export class PayloadError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'PayloadError';
  }
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? 'a long string' : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The fields of one JSON object, read with their path. */
export class Fields {
  constructor(
    private readonly object: Record<string, unknown>,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PayloadError(path, `expected an object, got ${describeValue(value)}`);
    return new Fields(value as Record<string, unknown>, path);
  }

  has(key: string): boolean {
    return this.object[key] !== undefined && this.object[key] !== null;
  }

  raw(key: string): unknown {
    return this.object[key];
  }

  string(key: string): string {
    const v = this.object[key];
    if (typeof v !== 'string') throw this.wrong(key, 'a string', v);
    return v;
  }

  /** A string, or undefined when absent or null. */
  optString(key: string): string | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw this.wrong(key, 'a string or null', v);
    return v;
  }

  integer(key: string): number {
    const v = this.object[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.wrong(key, 'a whole number', v);
    return v;
  }

  optInteger(key: string): number | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.wrong(key, 'a whole number or null', v);
    return v;
  }

  /** An id as text: GitHub's numbers, GitLab's numbers, Azure's GUIDs. */
  id(key: string): string {
    const v = this.object[key];
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (typeof v === 'string' && v.length > 0) return v;
    throw this.wrong(key, 'an id', v);
  }

  optBoolean(key: string): boolean | undefined {
    const v = this.object[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.wrong(key, 'true or false', v);
    return v;
  }

  boolean(key: string): boolean {
    const v = this.optBoolean(key);
    if (v === undefined) throw this.wrong(key, 'true or false', this.object[key]);
    return v;
  }

  /** An ISO 8601 time, as text. */
  time(key: string): string {
    const v = this.string(key);
    if (Number.isNaN(Date.parse(v))) throw this.wrong(key, 'a time', v);
    return v;
  }

  optTime(key: string): string | undefined {
    const v = this.optString(key);
    if (v !== undefined && Number.isNaN(Date.parse(v))) throw this.wrong(key, 'a time or null', v);
    return v;
  }

  child(key: string): Fields {
    return Fields.of(this.object[key], `${this.path}.${key}`);
  }

  optObject(key: string): Fields | undefined {
    const v = this.object[key];
    return v === undefined || v === null ? undefined : Fields.of(v, `${this.path}.${key}`);
  }

  list<T>(key: string, each: (item: unknown, path: string) => T): T[] {
    return readList(this.object[key], `${this.path}.${key}`, each);
  }

  optList<T>(key: string, each: (item: unknown, path: string) => T): T[] {
    const v = this.object[key];
    return v === undefined || v === null ? [] : readList(v, `${this.path}.${key}`, each);
  }

  /** One of `allowed`; anything else is kept as `fallback` when given (platforms add values). */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = this.string(key);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    if (fallback !== undefined) return fallback;
    throw this.wrong(key, `one of ${allowed.join(', ')}`, v);
  }

  private wrong(key: string, expected: string, got: unknown): PayloadError {
    return new PayloadError(`${this.path}.${key}`, `expected ${expected}, got ${got === undefined ? 'nothing' : describeValue(got)}`);
  }
}

export function readList<T>(value: unknown, path: string, each: (item: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new PayloadError(path, `expected a list, got ${describeValue(value)}`);
  return value.map((item, i) => each(item, `${path}[${i}]`));
}
