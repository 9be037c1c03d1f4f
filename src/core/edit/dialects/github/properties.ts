// setProperty for the job settings GitHub writes as plain keys: `name:`, `runs-on:`, `if:`,
// `timeout-minutes:`, `environment:`; and strategy, which GitHub has no key for.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { GraphNode } from '../../../model';
import { pairOf, type YamlSource } from '../../../yaml/source';
import type { EnvironmentValue, StrategyValue } from '../../operations';
import type { PlanContext, ValueCheck } from '../../plan';
import { Refusal } from '../../splices';
import { durationSeconds } from './durations';
import { insertEntry, job, jobValue, removeEntry, setEntry } from './workflow';

// An environment mapping lists name first, then url, as GitHub's docs do; other keys after.
function ENVIRONMENT_KEY_ORDER(key: string): number {
  const i = ['name', 'url'].indexOf(key);
  return i < 0 ? 2 : i;
}

export function setName(ctx: PlanContext, id: string, value: string | null): void {
  const { body } = job(ctx.src, id);
  if (value === null) removeEntry(ctx, body, 'name');
  else setEntry(ctx, body, 'name', value);
}

export function setRunner(ctx: PlanContext, id: string, value: string | null): ValueCheck {
  if (value === null) throw new Refusal('every GitHub job that runs steps needs `runs-on:`; choose another runner instead of clearing it');
  setEntry(ctx, job(ctx.src, id).body, 'runs-on', value);
  return expectValue(id, 'runs-on', value);
}

export function setCondition(ctx: PlanContext, id: string, value: string | null): ValueCheck {
  const { body } = job(ctx.src, id);
  if (value === null) removeEntry(ctx, body, 'if');
  else setEntry(ctx, body, 'if', value);
  return expectValue(id, 'if', value ?? undefined);
}

/** `timeout-minutes` takes a number (or an expression); "90 minutes" and "2h" become minutes. */
export function setTimeout(ctx: PlanContext, id: string, value: string | number | null): ValueCheck {
  const { body } = job(ctx.src, id);
  if (value === null) {
    removeEntry(ctx, body, 'timeout-minutes');
    return expectValue(id, 'timeout-minutes', undefined);
  }
  const minutes = timeoutMinutes(value);
  setEntry(ctx, body, 'timeout-minutes', minutes);
  return expectValue(id, 'timeout-minutes', minutes);
}

/**
 * `concurrency: GROUP` on the job: one run of the group at a time, the others wait. A mapping
 * (`group:` with `cancel-in-progress:`) is the user's choice and not rewritten.
 */
export function setConcurrency(ctx: PlanContext, id: string, value: string | null): ValueCheck {
  const { body } = job(ctx.src, id);
  const pair = pairOf(body, 'concurrency');
  if (pair && isMap(pair.value)) throw new Refusal(`"${id}" sets concurrency as a mapping (group:, cancel-in-progress:); change it in the text`);
  if (value === null) removeEntry(ctx, body, 'concurrency');
  else setEntry(ctx, body, 'concurrency', value);
  return expectValue(id, 'concurrency', value ?? undefined);
}

function timeoutMinutes(value: string | number): number | string {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (/^\d+$/.test(text) && Number(text) > 0) return Number(text);
  if (text.startsWith('${{') && text.endsWith('}}')) return text;
  const seconds = durationSeconds(text);
  if (seconds === undefined || seconds <= 0) {
    throw new Refusal(`timeout-minutes needs a number of minutes; "${value}" is not one (nor a duration such as "90 minutes")`);
  }
  if (seconds % 60 !== 0) throw new Refusal(`timeout-minutes counts whole minutes; "${value}" is not a whole number of minutes`);
  return seconds / 60;
}

/**
 * `environment: name` stays a name while there is no url; a url makes it `{name, url}` as a
 * block mapping. An existing mapping keeps its form and its other keys.
 */
export function setEnvironment(ctx: PlanContext, id: string, value: EnvironmentValue | null): void {
  const { body } = job(ctx.src, id);
  const pair = pairOf(body, 'environment');
  if (value === null) {
    removeEntry(ctx, body, 'environment');
    return;
  }
  const current = pair?.value;
  if (isMap(current)) {
    const env = current as YAMLMap;
    setEntry(ctx, env, 'name', value.name, ENVIRONMENT_KEY_ORDER);
    if (value.url !== undefined) setEntry(ctx, env, 'url', value.url, ENVIRONMENT_KEY_ORDER);
    else removeEntry(ctx, env, 'url');
    return;
  }
  if (current !== undefined && current !== null && !isScalar(current)) {
    throw new Refusal(`the environment of "${id}" is neither a name nor a mapping; edit it in the text`);
  }
  const written = value.url !== undefined ? { name: value.name, url: value.url } : value.name;
  if (pair) setEntry(ctx, body, 'environment', written);
  else insertEntry(ctx, body, 'environment', written);
}

/**
 * GitHub Actions has no deployment strategy setting: a job's steps (kubectl, Argo Rollouts, a
 * flag service) are its strategy, and the designer reads it from them. Writing commands for a
 * strategy into an existing job would be guessing at its cluster and names, so only setting the
 * strategy the steps already show is accepted (as nothing to do).
 */
export function setStrategy(node: GraphNode, value: StrategyValue | null): void {
  const wanted = value?.kind;
  if (wanted === node.strategy) return;
  const now = node.strategy ? `its steps do a ${node.strategy} rollout` : 'its steps show no rollout strategy';
  throw new Refusal(
    `GitHub Actions has no strategy setting: a job's strategy is what its steps run (kubectl, Argo Rollouts), and ${now}. ` +
      (wanted ? `Use the "Deploy to production (${wanted})" template, or change the steps in the text` : 'Change the steps in the text'),
  );
}

function expectValue(id: string, key: string, want: string | number | undefined): ValueCheck {
  return ({ src }: { src: YamlSource }) => {
    const have = jobValue(src, id, key);
    if (have === want) return undefined;
    return `${key} of "${id}" should be ${JSON.stringify(want)} but is ${JSON.stringify(have)}`;
  };
}
