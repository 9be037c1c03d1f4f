// setProperty for GitLab: what the job's keys can say (image, environment, when/start_in,
// rules, timeout), and a clear refusal for what GitLab has no key for.
import { isMap, isSeq, type YAMLMap } from 'yaml';
import { keyOf, pairOf, scalarText } from '../../../yaml/source';
import { isDuration, type EditOperation, type EnvironmentValue, type GateValue } from '../../operations';
import type { Planned } from '../../plan';
import { Refusal, type Splices } from '../../splices';
import { expectGate, expectImage, expectValue } from './checks';
import { insertEntry } from './entries';
import type { AnyPair, GitlabFile } from './file';
import { editableJob } from './references';

type SetProperty = Extract<EditOperation, { op: 'setProperty' }>;

export function planSetProperty(file: GitlabFile, op: SetProperty): Planned | void {
  const { splices } = file.ctx;
  if (op.property !== 'name' && op.property !== 'strategy') editableJob(file, op.stage, 'would change', op.property);
  switch (op.property) {
    case 'name':
      throw new Refusal('a GitLab job has no display name apart from its key; rename the job instead (renameStage)');
    case 'strategy':
      throw new Refusal(
        'GitLab CI has no deployment-strategy setting: the strategy is what the deploy script does (kubectl rolling update, a blue-green Service switch, Argo Rollouts steps); ' +
          'edit the script, or insert a deploy template with the strategy you want',
      );
    case 'runner':
      return setImage(splices, file.jobMap(op.stage), op.stage, op.value === null ? null : String(op.value));
    case 'timeout':
      return setTimeout(splices, file.jobMap(op.stage), op.stage, op.value);
    case 'concurrency':
      return setResourceGroup(splices, file.jobMap(op.stage), op.stage, op.value);
    case 'condition':
      return setCondition(splices, file.jobMap(op.stage), op.stage, op.value === null ? null : String(op.value));
    case 'environment':
      setEnvironment(splices, file.jobMap(op.stage), op.value as EnvironmentValue | null);
      return;
    case 'gate':
      return setGate(splices, file.jobMap(op.stage), op.stage, op.value as GateValue | null);
  }
}

/** Remove entries of a job; a job left with no keys at all is not a job GitLab accepts. */
function removeEntries(splices: Splices, job: YAMLMap.Parsed, pairs: (AnyPair | undefined)[]): void {
  const gone = pairs.filter((p): p is AnyPair => p !== undefined);
  if (gone.length > 0 && gone.length >= job.items.length) {
    throw new Refusal(`removing ${gone.map((p) => `${keyOf(p)}:`).join(' and ')} would leave the job empty; delete the job instead`);
  }
  for (const pair of gone) splices.removePair(job, pair);
}

function setImage(splices: Splices, job: YAMLMap.Parsed, id: string, value: string | null): Planned {
  const pair = pairOf(job, 'image') as AnyPair | undefined;
  if (value === null) {
    removeEntries(splices, job, [pair]);
  } else if (pair && isMap(pair.value)) {
    // `image: {name: …, entrypoint: …}`: change the name, keep the rest.
    if (!pairOf(pair.value, 'name')) throw new Refusal('image: is a mapping without name:; edit it in the text');
    splices.setPair(pair.value as YAMLMap.Parsed, 'name', value);
  } else if (pair) {
    splices.setPair(job, 'image', value);
  } else {
    insertEntry(splices, job, 'image', value, true, { afterKeys: ['stage', 'needs'] });
  }
  return { checks: [expectImage(id, value ?? undefined)] };
}

/** GitLab durations: a number of minutes becomes "N minutes"; text must read as a duration. */
function setTimeout(splices: Splices, job: YAMLMap.Parsed, id: string, value: string | number | null): Planned {
  const pair = pairOf(job, 'timeout') as AnyPair | undefined;
  if (value === null) {
    removeEntries(splices, job, [pair]);
    return { checks: [expectValue(id, ['timeout'], undefined, 'timeout')] };
  }
  const text = typeof value === 'number' ? `${value} minutes` : value.trim();
  if (!isDuration(text)) throw new Refusal(`"${text}" is not a GitLab duration (for example "90 minutes" or "1h 30m")`);
  if (pair) splices.setPair(job, 'timeout', text);
  else insertEntry(splices, job, 'timeout', text, true, { last: true });
  return { checks: [expectValue(id, ['timeout'], text, 'timeout')] };
}

/** `resource_group:`: GitLab runs one job of the group at a time, across pipelines. */
function setResourceGroup(splices: Splices, job: YAMLMap.Parsed, id: string, value: string | null): Planned {
  const pair = pairOf(job, 'resource_group') as AnyPair | undefined;
  if (value === null) {
    removeEntries(splices, job, [pair]);
    return { checks: [expectValue(id, ['resource_group'], undefined, 'resource_group')] };
  }
  if (pair) splices.setPair(job, 'resource_group', value);
  else insertEntry(splices, job, 'resource_group', value, true, { last: true });
  return { checks: [expectValue(id, ['resource_group'], value, 'resource_group')] };
}

/** A condition is one `rules: - if:` rule; existing rules or only/except are not guessed at. */
function setCondition(splices: Splices, job: YAMLMap.Parsed, id: string, value: string | null): Planned {
  for (const key of ['only', 'except']) {
    if (pairOf(job, key)) throw new Refusal(`the job uses ${key}:, which GitLab does not allow together with rules:; change it in the text`);
  }
  const rules = pairOf(job, 'rules') as AnyPair | undefined;
  const single = rules ? singleIfRule(rules) : undefined;
  if (rules && !single) {
    throw new Refusal('the job already has rules: beyond a single `- if:`; rewriting them is guesswork — edit them in the text');
  }
  if (value === null) {
    removeEntries(splices, job, [rules]);
    return { checks: [expectValue(id, ['rules'], undefined, 'rules')] };
  }
  if (single) {
    splices.replaceScalar(single, value);
  } else {
    if (pairOf(job, 'start_in')) throw new Refusal('the job is delayed with start_in:, which GitLab does not allow together with rules:; change it in the text');
    insertEntry(splices, job, 'rules', [{ if: value }], job.flow ?? false, { last: true });
  }
  return { checks: [expectValue(id, ['rules', '0', 'if'], value, 'the rule\'s if:')] };
}

/** The `if:` scalar of `rules: [{if: …}]` when that is all the rules say. */
function singleIfRule(rules: AnyPair): unknown {
  const seq = rules.value;
  if (!isSeq(seq) || seq.items.length !== 1) return undefined;
  const rule = seq.items[0];
  if (!isMap(rule) || rule.items.length !== 1 || keyOf(rule.items[0]) !== 'if') return undefined;
  return rule.items[0].value ?? undefined;
}

function setEnvironment(splices: Splices, job: YAMLMap.Parsed, value: EnvironmentValue | null): void {
  const pair = pairOf(job, 'environment') as AnyPair | undefined;
  if (value === null) {
    removeEntries(splices, job, [pair]);
    return;
  }
  if (!pair) {
    insertEntry(splices, job, 'environment', value.url ? { name: value.name, url: value.url } : value.name, false, { last: true });
    return;
  }
  if (isMap(pair.value)) {
    // `{name, url, deployment_tier, on_stop, …}`: set name and url, keep the rest.
    const environment = pair.value as YAMLMap.Parsed;
    splices.setPair(environment, 'name', value.name);
    const url = pairOf(environment, 'url') as AnyPair | undefined;
    if (value.url) splices.setPair(environment, 'url', value.url, pairOf(environment, 'name') as AnyPair);
    else if (url) splices.removePair(environment, url);
    return;
  }
  if (value.url) splices.setPair(job, 'environment', { name: value.name, url: value.url });
  else splices.setPair(job, 'environment', value.name);
}

/**
 * Gates are `when: manual` (with `allow_failure: false`, so the jobs after it wait: a manual job
 * otherwise lets the pipeline go on without it) and `when: delayed` + `start_in:`.
 */
function setGate(splices: Splices, job: YAMLMap.Parsed, id: string, value: GateValue | null): Planned {
  const rules = pairOf(job, 'rules')?.value;
  if (isSeq(rules) && rules.items.some((r) => pairOf(r, 'when'))) {
    throw new Refusal('the job\'s rules: decide when it runs (a rule sets when:); rewriting them is guesswork — change the gate in the rules in the text');
  }
  if (value?.kind === 'approvers') {
    throw new Refusal(
      'GitLab keeps named approvers on a protected environment (Settings → CI/CD → Protected environments → required approvals), not in the YAML; ' +
        'use a manual gate here and set the approvers on the job\'s environment in GitLab',
    );
  }
  const when = pairOf(job, 'when') as AnyPair | undefined;
  const startIn = pairOf(job, 'start_in') as AnyPair | undefined;
  const whenText = scalarText(when?.value);
  const setWhen = (to: string) => {
    if (when) splices.setPair(job, 'when', to);
    else insertEntry(splices, job, 'when', to, true, { last: true });
  };
  // Entries that follow `when:` go after it, or after the new one at the end of the job.
  const besideWhen = (key: string, to: unknown) => {
    const existing = pairOf(job, key);
    if (existing) splices.setPair(job, key, to);
    else insertEntry(splices, job, key, to, true, when ? { afterKeys: ['when'] } : { last: true });
  };
  if (value === null) {
    removeEntries(splices, job, [whenText === 'manual' || whenText === 'delayed' ? when : undefined, startIn]);
    return { checks: [expectGate(id, undefined)] };
  }
  if (value.kind === 'manual') {
    setWhen('manual');
    besideWhen('allow_failure', false);
    if (startIn) splices.removePair(job, startIn);
    return { checks: [expectGate(id, { kind: 'manual' }), expectValue(id, ['allow_failure'], 'false', 'allow_failure')] };
  }
  if (rules) throw new Refusal('the job has rules:, and GitLab takes start_in from a rule then; add the delay to the rules in the text');
  setWhen('delayed');
  besideWhen('start_in', value.after);
  return { checks: [expectGate(id, { kind: 'delayed', after: value.after })] };
}
