// What a resolved GitLab job says about itself in dialect-neutral terms: environment, gate,
// on-failure, commands, deployment strategy.
import type { GateDetail } from '../../model';
import { scalarText } from '../../yaml/source';
import { MapView, type Resolver, type ViewValue } from './view';

export interface GitlabJobFacts {
  environment?: string;
  environmentUrl?: string;
  /** `environment.action`: start (default), prepare, verify, access, stop. */
  environmentAction?: string;
  gate?: GateDetail;
  onFailure: boolean;
  commands: string[];
}

const SCRIPT_KEYS = ['before_script', 'script', 'after_script'];

export function readJobFacts(job: MapView, resolver: Resolver): GitlabJobFacts {
  const whens = whenClauses(job, resolver);
  return {
    ...environmentOf(job.get('environment')),
    gate: gateOf(whens),
    onFailure: whens.some((w) => w.when === 'on_failure'),
    commands: SCRIPT_KEYS.flatMap((key) => commandLines(job.get(key), resolver)),
  };
}

function environmentOf(value: ViewValue | undefined): Pick<GitlabJobFacts, 'environment' | 'environmentUrl' | 'environmentAction'> {
  if (value instanceof MapView) {
    return {
      environment: text(value.get('name')),
      environmentUrl: text(value.get('url')),
      environmentAction: text(value.get('action')),
    };
  }
  return { environment: text(value) };
}

interface WhenClause {
  when: string;
  startIn?: string;
}

// The job's own `when:` first, then each rule's: a rule that can make the job manual or delayed
// makes it a gate, as GitLab shows it blocked on that path.
function whenClauses(job: MapView, resolver: Resolver): WhenClause[] {
  const clauses: WhenClause[] = [];
  const jobStartIn = text(job.get('start_in'));
  const own = text(job.get('when'));
  if (own) clauses.push({ when: own, startIn: jobStartIn });
  for (const { item } of resolver.items(job.get('rules') ?? null)) {
    if (!(item instanceof MapView)) continue;
    const when = text(item.get('when'));
    if (when) clauses.push({ when, startIn: text(item.get('start_in')) ?? jobStartIn });
  }
  return clauses;
}

function gateOf(clauses: WhenClause[]): GateDetail | undefined {
  for (const clause of clauses) {
    if (clause.when === 'manual') return { kind: 'manual' };
    if (clause.when === 'delayed') return clause.startIn ? { kind: 'delayed', after: clause.startIn } : { kind: 'delayed' };
  }
  return undefined;
}

// Nested lists of aliases can fan out exponentially; past this many visited items we stop reading.
const MAX_SCRIPT_ITEMS = 20_000;

/** Script lines: a string or a list whose items may themselves be lists (GitLab flattens them). */
function commandLines(value: ViewValue | undefined, resolver: Resolver): string[] {
  const lines: string[] = [];
  let visited = 0;
  const walk = (node: ViewValue | undefined, depth: number) => {
    if (node === undefined || node === null || node instanceof MapView || depth > 10 || ++visited > MAX_SCRIPT_ITEMS) return;
    const single = scalarText(node);
    if (single !== undefined) lines.push(single);
    else for (const { item } of resolver.items(node)) walk(item, depth + 1);
  };
  walk(value, 0);
  return lines;
}

function text(value: ViewValue | undefined): string | undefined {
  return value instanceof MapView ? undefined : scalarText(value);
}

// Strategy from what the deploy commands (and the job's name) say, most specific first.
const STRATEGIES: { strategy: string; pattern: RegExp }[] = [
  { strategy: 'canary', pattern: /argo\s+rollouts|setWeight|canary/i },
  { strategy: 'blue-green', pattern: /blue[-_ ]?green|blue\/green/i },
  { strategy: 'rolling', pattern: /kubectl\s+rollout\b|helm\s+upgrade/i },
];

export function strategyOf(jobName: string, commands: string[]): string | undefined {
  for (const { strategy, pattern } of STRATEGIES) {
    if (pattern.test(jobName) || commands.some((c) => pattern.test(c))) return strategy;
  }
  return undefined;
}
