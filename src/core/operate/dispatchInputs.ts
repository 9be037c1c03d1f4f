// A GitHub workflow's `workflow_dispatch` trigger and its inputs, read from the YAML: what "Run
// Workflow…" asks for (types, `choice` options, defaults, `required`), and the check of the values
// a person gave before they are sent (GitHub takes every value as text).
import { parseYamlSource } from '../yaml/source';

export type DispatchInputType = 'string' | 'boolean' | 'choice' | 'number' | 'environment';

export interface DispatchInput {
  name: string;
  type: DispatchInputType;
  description?: string;
  required: boolean;
  /** As text, the way it will be sent. */
  default?: string;
  /** `choice`: the allowed values. */
  options?: string[];
}

export type DispatchTrigger =
  | { dispatchable: true; inputs: DispatchInput[] }
  /** `why` says what the file lacks, for "it cannot be run from here: …". */
  | { dispatchable: false; why: string };

const TYPES: readonly DispatchInputType[] = ['string', 'boolean', 'choice', 'number', 'environment'];

/** The workflow_dispatch trigger of a workflow file's text. */
export function readDispatchTrigger(text: string): DispatchTrigger {
  const src = parseYamlSource(text);
  if (src.problems.some((p) => p.severity === 'error')) return { dispatchable: false, why: 'the workflow does not parse' };
  let root: unknown;
  try {
    root = src.doc.toJS();
  } catch (e) {
    // yaml refuses alias bombs and the like while resolving; such a file is not run from here.
    return { dispatchable: false, why: `the workflow cannot be read (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isRecord(root)) return { dispatchable: false, why: 'the file is not a workflow (no mapping at the top)' };
  const on = root.on;
  const named = (list: unknown[]) => list.some((t) => t === 'workflow_dispatch');
  if (on === 'workflow_dispatch' || (Array.isArray(on) && named(on))) return { dispatchable: true, inputs: [] };
  if (!isRecord(on) || !('workflow_dispatch' in on)) return { dispatchable: false, why: 'the workflow has no workflow_dispatch trigger under `on:`' };
  const dispatch = on.workflow_dispatch;
  const inputs = isRecord(dispatch) && isRecord(dispatch.inputs) ? dispatch.inputs : {};
  return {
    dispatchable: true,
    inputs: Object.entries(inputs).map(([name, raw]) => {
      const spec = isRecord(raw) ? raw : {};
      const type = TYPES.find((t) => t === spec.type) ?? 'string';
      const input: DispatchInput = { name, type, required: spec.required === true };
      if (typeof spec.description === 'string') input.description = spec.description;
      if (spec.default !== undefined && spec.default !== null) input.default = String(spec.default);
      if (type === 'choice' && Array.isArray(spec.options)) input.options = spec.options.map(String);
      return input;
    }),
  };
}

/**
 * What is wrong with `values` for these inputs, one sentence each: unknown names, required inputs
 * without a value or default, a choice not among its options, a boolean or number that is not one.
 */
export function checkDispatchValues(inputs: readonly DispatchInput[], values: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(values)) if (!inputs.some((i) => i.name === name)) problems.push(`the workflow has no input "${name}" (it has ${inputs.map((i) => i.name).join(', ') || 'none'})`);
  for (const input of inputs) {
    const value = values[input.name];
    if (value === undefined) {
      if (input.required && input.default === undefined) problems.push(`input "${input.name}" is required`);
      continue;
    }
    if (input.type === 'choice' && input.options && !input.options.includes(value)) problems.push(`input "${input.name}" must be one of ${input.options.join(', ')}; got "${value}"`);
    if (input.type === 'boolean' && value !== 'true' && value !== 'false') problems.push(`input "${input.name}" must be true or false; got "${value}"`);
    if (input.type === 'number' && (value.trim() === '' || Number.isNaN(Number(value)))) problems.push(`input "${input.name}" must be a number; got "${value}"`);
  }
  return problems;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
