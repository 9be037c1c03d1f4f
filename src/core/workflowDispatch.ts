// What a GitHub Actions workflow asks for when a person starts it by hand: whether its `on:` has
// `workflow_dispatch`, and the inputs declared there (type, `choice` options, default,
// `required`). Pure; "Run Workflow…" fills its form from this, and the edit engine's
// addDispatchTrigger checks its result with it. Values go to the API as strings, so every default
// and every answer here is a string, checked against its input's type before it is sent.
import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { syntaxCause } from './problems';
import { keyOf, pairOf, positionAt, rootMap, scalarText, parseYamlSource, type YamlSource } from './yaml/source';

export type DispatchInputType = 'string' | 'boolean' | 'choice' | 'number' | 'environment';

export const DISPATCH_INPUT_TYPES: readonly DispatchInputType[] = ['string', 'boolean', 'choice', 'number', 'environment'];

export interface DispatchInput {
  name: string;
  type: DispatchInputType;
  description?: string;
  required: boolean;
  /** As GitHub will receive it when nobody changes it ("true" for a boolean default of true). */
  default?: string;
  /** `choice` only: the allowed values, in the file's order. */
  options?: string[];
  /** 1-based line of the input's name. */
  line: number;
}

/** Something in the trigger a person should fix; the input is left out or read as best it can. */
export interface DispatchProblem {
  message: string;
  line: number;
  column: number;
}

export type DispatchTrigger =
  /** The workflow cannot be started by hand; `events` are the triggers it has. */
  | { kind: 'absent'; events: string[] }
  | { kind: 'present'; inputs: DispatchInput[]; problems: DispatchProblem[] }
  /** `on:` is missing or written in a way this reader does not follow (an alias, an expression). */
  | { kind: 'unreadable'; reason: string };

/** The events of a workflow's `on:`, in the file's order; undefined when `on:` cannot be read. */
export function triggerEvents(src: YamlSource): { events: string[]; value: Node | null } | { reason: string } {
  const root = rootMap(src);
  if (!root) return { reason: 'the file is not a mapping of workflow keys' };
  const on = pairOf(root, 'on');
  if (!on) return { reason: 'the workflow has no `on:` (what starts it)' };
  const value = on.value;
  const where = value?.range ? lineOf(src, value.range[0]) : lineOf(src, (on.key as Node).range?.[0] ?? 0);
  if (isAlias(value)) return { reason: `\`on:\` is an alias (line ${where}); change it in the text` };
  if (value === null || (isScalar(value) && value.value === null)) return { events: [], value };
  if (isScalar(value)) {
    const name = scalarText(value);
    return name === undefined ? { reason: `\`on:\` is not an event name (line ${where})` } : { events: [name], value };
  }
  if (isSeq(value)) {
    const events: string[] = [];
    for (const item of value.items) {
      const name = isScalar(item) ? scalarText(item) : undefined;
      if (name === undefined) return { reason: `\`on:\` lists something that is not an event name (line ${lineOf(src, (item as Node).range?.[0] ?? 0)})` };
      events.push(name);
    }
    return { events, value };
  }
  if (isMap(value)) {
    const events: string[] = [];
    for (const pair of value.items) {
      const name = keyOf(pair);
      if (name === undefined || isAlias(pair.key)) return { reason: `\`on:\` has a key that is not an event name (line ${lineOf(src, (pair.key as Node)?.range?.[0] ?? 0)})` };
      if (name === '<<') return { reason: `\`on:\` merges another mapping (<<, line ${lineOf(src, (pair.key as Node).range?.[0] ?? 0)}); change it in the text` };
      events.push(name);
    }
    return { events, value };
  }
  return { reason: `\`on:\` is not an event, a list or a mapping (line ${where})` };
}

/** Reads `on.workflow_dispatch` and its inputs from a workflow's text (or its parse). */
export function readDispatchTrigger(input: string | YamlSource): DispatchTrigger {
  const src = typeof input === 'string' ? parseYamlSource(input) : input;
  const syntax = syntaxCause(src.problems);
  if (syntax) return { kind: 'unreadable', reason: `the file does not parse (${syntax.message}, line ${syntax.line}:${syntax.column})` };
  const read = triggerEvents(src);
  if ('reason' in read) return { kind: 'unreadable', reason: read.reason };
  if (!read.events.includes('workflow_dispatch')) return { kind: 'absent', events: read.events };
  const problems: DispatchProblem[] = [];
  const dispatch = isMap(read.value) ? pairOf(read.value, 'workflow_dispatch')?.value ?? null : null;
  return { kind: 'present', inputs: readInputs(src, dispatch, problems), problems };
}

function readInputs(src: YamlSource, dispatch: Node | null, problems: DispatchProblem[]): DispatchInput[] {
  const problem = (node: unknown, message: string) => problems.push({ message, ...positionAt(src, (node as Node | null)?.range?.[0] ?? 0) });
  if (dispatch === null || (isScalar(dispatch) && dispatch.value === null)) return [];
  if (!isMap(dispatch)) {
    problem(dispatch, '`workflow_dispatch:` should be empty or a mapping with `inputs:`');
    return [];
  }
  const inputsNode = pairOf(dispatch, 'inputs')?.value ?? null;
  if (inputsNode === null || (isScalar(inputsNode) && inputsNode.value === null)) return [];
  if (!isMap(inputsNode)) {
    problem(inputsNode, '`inputs:` of `workflow_dispatch` should be a mapping of input names');
    return [];
  }
  const inputs: DispatchInput[] = [];
  for (const pair of inputsNode.items) {
    const name = keyOf(pair);
    const keyNode = pair.key as Node;
    if (name === undefined || name === '' || isAlias(pair.key)) {
      problem(keyNode, 'an input name must be plain text');
      continue;
    }
    const body = pair.value as Node | null;
    if (body !== null && !(isScalar(body) && body.value === null) && !isMap(body)) {
      problem(body, `input "${name}" should be a mapping (description, type, required, default)`);
      continue;
    }
    const read = readInput(name, isMap(body) ? body : undefined, (node, message) => problem(node ?? keyNode, message));
    if (read) inputs.push({ ...read, line: lineOf(src, keyNode.range?.[0] ?? 0) });
  }
  return inputs;
}

function readInput(name: string, body: YAMLMap | undefined, problem: (node: unknown, message: string) => void): Omit<DispatchInput, 'line'> | undefined {
  const field = (key: string) => (body ? pairOf(body, key)?.value ?? undefined : undefined);
  const text = (key: string): string | undefined => {
    const node = field(key);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    const value = scalarText(node);
    if (value === undefined) problem(node, `input "${name}": \`${key}\` should be a single value`);
    return value;
  };
  const typeText = text('type') ?? 'string';
  const type = DISPATCH_INPUT_TYPES.find((t) => t === typeText);
  if (!type) {
    problem(field('type'), `input "${name}": type "${typeText}" is not one of ${DISPATCH_INPUT_TYPES.join(', ')}`);
    return undefined;
  }
  const requiredNode = field('required');
  let required = false;
  if (requiredNode !== undefined && !(isScalar(requiredNode) && requiredNode.value === null)) {
    if (isScalar(requiredNode) && typeof requiredNode.value === 'boolean') required = requiredNode.value;
    else problem(requiredNode, `input "${name}": \`required\` should be true or false`);
  }
  const description = text('description');
  const result: Omit<DispatchInput, 'line'> = { name, type, required, ...(description !== undefined ? { description } : {}) };
  if (type === 'choice') {
    const optionsNode = field('options');
    const options = isSeq(optionsNode) ? optionsNode.items.map((o) => (isScalar(o) ? scalarText(o) : undefined)) : undefined;
    if (!options || options.length === 0 || options.some((o) => o === undefined)) {
      problem(optionsNode, `input "${name}": a choice needs \`options:\`, a list of values`);
      return undefined;
    }
    result.options = options as string[];
  }
  const defaultText = text('default');
  if (defaultText !== undefined) {
    const wrong = checkDispatchValue(result as DispatchInput, defaultText);
    if (wrong) problem(field('default'), `input "${name}": its default ${wrong}`);
    else result.default = defaultText;
  }
  return result;
}

/** Why `value` cannot be sent for `input`, or undefined when it can. */
export function checkDispatchValue(input: Pick<DispatchInput, 'name' | 'type' | 'required' | 'options'>, value: string): string | undefined {
  if (value === '') return input.required && input.type !== 'boolean' ? `"${input.name}" is required` : undefined;
  switch (input.type) {
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : `"${value}" is not true or false`;
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim()) ? undefined : `"${value}" is not a number`;
    case 'choice':
      return input.options?.includes(value) ? undefined : `"${value}" is not one of ${(input.options ?? []).map((o) => `"${o}"`).join(', ')}`;
    case 'string':
    case 'environment':
      return undefined;
  }
}

/**
 * The `inputs` object of a dispatch request: every answered input as a string (an empty answer
 * too: the person cleared the default), in the file's order. A boolean nobody answered is sent as
 * its default or "false", as GitHub's own form does; other unanswered inputs are left out, so
 * GitHub applies their defaults itself.
 */
export function dispatchInputValues(inputs: readonly DispatchInput[], answers: Readonly<Record<string, string>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of inputs) {
    const answer = answers[input.name];
    if (answer !== undefined) values[input.name] = answer;
    else if (input.type === 'boolean') values[input.name] = input.default ?? 'false';
  }
  return values;
}

function lineOf(src: YamlSource, offset: number): number {
  return positionAt(src, offset).line;
}
