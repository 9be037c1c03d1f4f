// setProperty for Azure: name (`displayName:`), condition (`condition:`), timeout
// (`timeoutInMinutes:` of the job, or of every agent job of a stage), runner (`pool:`); the
// deployment properties and gates have modules of their own.
import type { YAMLMap } from 'yaml';
import { isMap, isScalar, Scalar } from 'yaml';
import { pairOf, scalarText } from '../../../yaml/source';
import { renderString } from '../../fragment';
import type { EditOperation } from '../../operations';
import type { PlanContext, Planned, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { differs, valueAfter } from './afterRead';
import { planEnvironment, planStrategy } from './deployment';
import { durationMinutes } from './durations';
import { planGate } from './gate';
import { jobsOfStage, locate, mustBeEditable, type AzureLayout, type Located } from './layout';
import { anchorFor, setInlinePair } from './pairs';

type SetProperty = Extract<EditOperation, { op: 'setProperty' }>;

export function planSetProperty(ctx: PlanContext, layout: AzureLayout, op: SetProperty): Planned | void {
  const target = locate(ctx, layout, op.stage);
  switch (op.property) {
    case 'name':
      return setText(ctx, target, 'displayName', op.value === null ? null : String(op.value));
    case 'condition':
      return setText(ctx, target, 'condition', op.value === null ? null : String(op.value));
    case 'timeout':
      return setTimeoutMinutes(ctx, target, op.value);
    case 'runner':
      return setRunner(ctx, target, op.value === null ? null : String(op.value));
    case 'environment':
      return planEnvironment(ctx, target, op.value);
    case 'strategy':
      return planStrategy(ctx, target, op.value);
    case 'gate':
      return planGate(ctx, layout, target, op.value);
    case 'concurrency':
      throw new Refusal('Azure Pipelines keeps one deployment at a time with an exclusive lock check on the environment, set on the server, not in the YAML');
  }
}

/** Sets or removes a one-line text value, keeping the quoting of the value it replaces. */
function setText(ctx: PlanContext, target: Located, key: string, value: string | null): Planned {
  const map = target.entry.map;
  const pair = pairOf(map, key);
  if (value === null) {
    if (pair) ctx.splices.removePair(map, pair as never);
  } else if (pair && isScalar(pair.value) && pair.value.value !== null && !isBlock(pair.value)) {
    ctx.splices.replaceScalar(pair.value, value);
  } else {
    setInlinePair(ctx.splices, ctx.style, map, key, renderString(value, ctx.style));
  }
  const id = target.node.id;
  return { checks: [(after) => differs(`${key} of "${id}"`, valueAfter(after, id, key), value ?? undefined)] };
}

function setTimeoutMinutes(ctx: PlanContext, target: Located, value: string | number | null): Planned {
  const minutes = value === null ? null : durationMinutes(value);
  // A stage has no timeout of its own: its jobs have. Agentless jobs (gates) keep theirs.
  const jobs = target.node.role === 'stage' ? agentJobsOf(ctx, target) : [{ map: target.entry.map, id: target.node.id }];
  if (jobs.length === 0) throw new Refusal(`stage "${target.node.id}" has no agent jobs to set a timeout on`);
  for (const job of jobs) {
    const pair = pairOf(job.map, 'timeoutInMinutes');
    if (minutes === null) {
      if (pair) ctx.splices.removePair(job.map, pair as never);
    } else if (pair && isScalar(pair.value) && pair.value.value !== null && !isBlock(pair.value)) {
      ctx.splices.replaceScalar(pair.value, minutes);
    } else {
      setInlinePair(ctx.splices, ctx.style, job.map, 'timeoutInMinutes', String(minutes));
    }
  }
  const checks: ValueCheck[] = jobs.map((job) => (after) => differs(`timeoutInMinutes of "${job.id}"`, valueAfter(after, job.id, 'timeoutInMinutes'), minutes ?? undefined));
  return { checks };
}

function agentJobsOf(ctx: PlanContext, target: Located): { map: YAMLMap.Parsed; id: string }[] {
  const list = jobsOfStage(ctx, target.entry.map, target.node.id);
  if (!list) throw new Refusal(`stage "${target.node.id}" has no \`jobs:\` list`);
  return list.entries
    .filter((e) => scalarText(pairOf(e.map, 'pool')?.value)?.trim() !== 'server')
    .map((e) => ({ map: e.map, id: mustBeEditable(e.node, 'a job of the stage').id }));
}

/** Microsoft-hosted images (`ubuntu-latest`, `windows-2022`, `macOS-14`) go under `vmImage:`; anything else names a pool. */
function isHostedImage(value: string): boolean {
  return /^(ubuntu|windows|macos|vs20\d\d-win|win1\d)/i.test(value.trim());
}

function setRunner(ctx: PlanContext, target: Located, value: string | null): Planned {
  const map = target.entry.map;
  const pair = pairOf(map, 'pool');
  const pool = pair?.value;
  if (scalarText(pool)?.trim() === 'server' || scalarText(valueOfMap(pool, 'name'))?.trim() === 'server') {
    throw new Refusal(`"${target.node.id}" is an agentless job (\`pool: server\`); it runs on no agent`);
  }
  const image = value !== null && isHostedImage(value);
  if (value === null) {
    if (pair) ctx.splices.removePair(map, pair as never);
  } else if (isMap(pool) && image && pairOf(pool, 'vmImage') && !pairOf(pool, 'name')) {
    ctx.splices.replaceScalar(pairOf(pool, 'vmImage')!.value, value);
  } else if (isMap(pool) && !image && pairOf(pool, 'name') && !pairOf(pool, 'vmImage')) {
    ctx.splices.replaceScalar(pairOf(pool, 'name')!.value, value);
  } else if (!image && isScalar(pool) && pool.value !== null) {
    ctx.splices.replaceScalar(pool, value);
  } else {
    ctx.splices.setPair(map, 'pool', image ? { vmImage: value } : value, anchorFor(map, 'pool') as never);
  }
  const id = target.node.id;
  return {
    checks: [
      (after) => {
        const written = valueAfter(after, id, 'pool') as unknown;
        const got = typeof written === 'object' && written !== null ? (written as Record<string, unknown>)[image ? 'vmImage' : 'name'] : written;
        return differs(`the pool of "${id}"`, got, value ?? undefined);
      },
    ],
  };
}

function valueOfMap(node: unknown, key: string): unknown {
  return pairOf(node, key)?.value;
}

function isBlock(node: unknown): boolean {
  const type = (node as Scalar).type;
  return type === Scalar.BLOCK_LITERAL || type === Scalar.BLOCK_FOLDED;
}
