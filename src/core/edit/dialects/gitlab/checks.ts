// Value checks for what the graph does not show (image, timeout, rules, allow_failure): read the
// edited job back from the re-parsed file and compare.
import { isMap, isSeq } from 'yaml';
import { pairOf, rootMap, scalarText } from '../../../yaml/source';
import type { ValueCheck } from '../../plan';

/** The job's own value under `key` (after the edit), as text; a mapping's `name` when asked. */
function valueAfter(after: Parameters<ValueCheck>[0], job: string, path: string[]): string | undefined {
  let node: unknown = pairOf(rootMap(after.src), job)?.value;
  for (const key of path) {
    if (isSeq(node) && /^\d+$/.test(key)) node = node.items[Number(key)];
    else node = pairOf(node, key)?.value;
  }
  return scalarText(node);
}

/** The job's `path` reads `want` afterwards (undefined: absent). */
export function expectValue(job: string, path: string[], want: string | undefined, what: string): ValueCheck {
  return (after) => {
    const have = valueAfter(after, job, path);
    return have === want ? undefined : `${what} should be ${JSON.stringify(want)} but is ${JSON.stringify(have)}`;
  };
}

/** `image:` reads `want`, in either the string or the `{name: …}` form. */
export function expectImage(job: string, want: string | undefined): ValueCheck {
  return (after) => {
    const image = pairOf(pairOf(rootMap(after.src), job)?.value, 'image')?.value;
    const have = isMap(image) ? scalarText(pairOf(image, 'name')?.value) : scalarText(image);
    return have === want ? undefined : `image should be ${JSON.stringify(want)} but is ${JSON.stringify(have)}`;
  };
}

/** The graph's gate for the job is `want` (undefined: no gate). */
export function expectGate(job: string, want: { kind: string; after?: string } | undefined): ValueCheck {
  return (after) => {
    const gate = after.graph.nodes.find((n) => n.id === job)?.gate;
    const have = gate ? JSON.stringify({ kind: gate.kind, ...(gate.after ? { after: gate.after } : {}) }) : undefined;
    const expected = want ? JSON.stringify(want) : undefined;
    return have === expected ? undefined : `the gate should be ${expected ?? 'none'} but is ${have ?? 'none'}`;
  };
}
