// Kind inference: what a stage is for, guessed from what the YAML says about it. Shown in the
// designer as an icon; never written back.
import type { GateDetail, NodeKind } from './model';

/** What a dialect knows about a job, gathered once, in dialect-neutral terms. */
export interface JobFacts {
  /** The key / id and display name, both are searched. */
  id: string;
  name?: string;
  environment?: string;
  gate?: GateDetail;
  /** Runs only on failure (`if: failure()`, `when: on_failure`, `condition: failed()`). */
  onFailure?: boolean;
  /** Commands and action/task references, joined (script lines, `run:`, `uses:`, `task:`). */
  commands: string[];
}

interface KindRule {
  kind: NodeKind;
  /** Matched against the id and name. */
  name: RegExp;
  /** Matched against each command line. */
  command: RegExp;
}

// Most specific first: among the rules a name matches, the first wins; among the rules commands
// match, the one most commands match wins, and the first breaks a tie.
const RULES: KindRule[] = [
  {
    kind: 'rollback',
    name: /roll-?back|revert|undo/i,
    command: /rollout\s+undo|rollouts?\s+undo|helm\s+rollback|argo\s+rollouts\s+abort|az\s+webapp\s+deployment\s+slot\s+swap.*--action\s+reset|KubernetesManifest@\d+\s+reject/i,
  },
  {
    kind: 'security-scan',
    name: /scan|sast|dast|security|codeql|trivy|snyk|grype|gitleaks|secret[-_ ]?detect|dependency[-_ ]?(check|review)|audit|semgrep|sonar|vuln/i,
    command: /\btrivy\b|\bsnyk\b|\bgrype\b|\bgitleaks\b|\bsemgrep\b|codeql|dependency-check|aquasecurity|\bbandit\b|npm audit|sonar-scanner|SonarCloud|osv-scanner|zaproxy/i,
  },
  {
    kind: 'integration-test',
    name: /e2e|end[-_ ]?to[-_ ]?end|integration|smoke|acceptance|system[-_ ]?test|playwright|cypress|selenium/i,
    command: /\bcypress\b|\bplaywright\b|\bselenium\b|newman|k6\s+run|e2e|smoke/i,
  },
  {
    kind: 'verify',
    name: /verify|health|monitor|post[-_ ]?deploy|validate[-_ ]?deploy|canary[-_ ]?analysis/i,
    command: /curl\s+(-\w+\s+)*-?-f\w*\b.*health|\/health|\/healthz|\/readyz|rollout\s+status|prometheus|promql|error[-_]rate/i,
  },
  {
    kind: 'notify',
    name: /notif|slack|teams|announce|mail|alert/i,
    command: /slack|hooks\.slack\.com|webhook\.office|sendmail|discord|notify/i,
  },
  {
    kind: 'deploy',
    name: /deploy|promote|rollout|release[-_ ]to/i,
    command: /kubectl\s+(apply|set\s+image)|helm\s+(upgrade|install)|argocd\s+app\s+sync|kubectl\s+argo\s+rollouts\s+(set|promote)|terraform\s+apply|az\s+webapp\s+deploy|AzureWebApp@|AzureRmWebAppDeployment@|KubernetesManifest@|HelmDeploy@/i,
  },
  {
    kind: 'test',
    name: /test|spec|lint|unit|coverage|vet/i,
    command: /\b(npm|yarn|pnpm)\s+(run\s+)?test\b|\bpytest\b|\bgo\s+test\b|\bjest\b|\bmocha\b|\bvitest\b|\bcargo\s+test\b|\bmvn\b.*\btest\b|gradlew?\s+test|\bdotnet\s+test\b|\btox\b|\beslint\b|VSTest@|DotNetCoreCLI@.*test/i,
  },
  {
    kind: 'build',
    name: /build|compile|package|bundle|image|docker|publish|release|artifact|dist/i,
    command: /docker\s+(build|buildx)|\bbuild\b|\bcompile\b|\bmake\b|\bgo\s+build\b|cargo\s+build|mvn\b.*package|gradlew?\s+(build|assemble)|\bdotnet\s+(build|publish)\b|webpack|\btsc\b|kaniko|buildah|docker\/build-push-action|Docker@|DotNetCoreCLI@/i,
  },
];

// Names that only hint decide when no command but a build says otherwise, in this order: a
// "check" may be a health check, "setup" may do anything, a "QA gate" that runs tests is a test.
// "gate" as a word of its own: "aggregate", "delegate", "navigate" are not gates.
const VAGUE_NAMES: { kind: NodeKind; name: RegExp }[] = [
  // "check" but not "checkout", which is a source stage.
  { kind: 'test', name: /check(?!out)/i },
  { kind: 'source', name: /^(source|checkout|fetch|clone|prepare|setup|init)$/i },
  { kind: 'approval-gate', name: /approv|(^|[^a-z])gates?([^a-z]|$)|manual/i },
];

const ROLLBACK = 0;
const DEPLOY = RULES.findIndex((r) => r.kind === 'deploy');
// Build commands (`make`, `npm run build`) run in nearly every job, so they count last.
const BUILD = RULES.length - 1;

// Of an environment, only words that say it exists to be approved: "production_manual" deploys.
const APPROVAL_ENVIRONMENT_WORDS = /approv|(^|[^a-z])gates?([^a-z]|$)|sign[-_ ]?off/i;

/**
 * The rule, in one sentence: structure first (an environment makes a deploy unless the job only
 * waits for an approval, a gate makes an approval step, on-failure plus undo makes a rollback),
 * then a name that says what the job is, then what most of its commands do (a tie goes to the
 * more specific kind), then a name that only hints, and build commands last.
 */
export function inferKind(facts: JobFacts): NodeKind {
  // Joined when first read: a name or an environment usually decides first, and a job's scripts
  // joined are a copy of all of them (composing azure-dvonna joined every job's inline scripts).
  let joined: CommandText | undefined | null = null;
  const commands = (): CommandText | undefined => {
    if (joined === null) {
      const text = joinCommands(facts.commands);
      joined = text === undefined ? undefined : new CommandText(text);
    }
    return joined;
  };
  if (facts.environment) {
    if (facts.onFailure || nameMatches(RULES[ROLLBACK], facts) || commandMatches(ROLLBACK, commands())) return 'rollback';
    return waitsForApproval(facts, commands) ? 'approval-gate' : 'deploy';
  }
  // Structure says more than names: a gate with no environment is the approval step itself.
  if (facts.gate) return 'approval-gate';
  if (facts.onFailure && (nameMatches(RULES[ROLLBACK], facts) || commandMatches(ROLLBACK, commands()))) return 'rollback';
  for (const rule of RULES) if (nameMatches(rule, facts)) return rule.kind;
  const text = commands();
  const byCommands = text === undefined ? undefined : dominantCommandKind(facts.commands, text);
  if (byCommands !== undefined) return byCommands;
  for (const vague of VAGUE_NAMES) if (nameMatches(vague, facts)) return vague.kind;
  return commandMatches(BUILD, text) ? 'build' : 'other';
}

/**
 * A job with an environment that deploys nothing and whose environment or name says approval
 * (`environment: production-approval`, GitHub's idiom for a protected environment's required
 * reviewers) is the approval step itself, guarding nothing but the jobs after it. A name or a
 * command that says deploy keeps it a deploy: then the approval guards that deploy.
 */
function waitsForApproval(facts: JobFacts, commands: () => CommandText | undefined): boolean {
  if (!APPROVAL_ENVIRONMENT_WORDS.test(`${facts.environment} ${facts.id} ${facts.name ?? ''}`)) return false;
  return !nameMatches(RULES[DEPLOY], facts) && !commandMatches(DEPLOY, commands());
}

/**
 * The kind most commands other than builds point to: each command counts once for every rule
 * it matches, and a tie goes to the rule listed first (the more specific). A test suite that also
 * runs a scanner is as much a test as a scan: its name decides, and is read before this.
 */
function dominantCommandKind(list: readonly string[], commands: CommandText): NodeKind | undefined {
  let first = -1;
  let second = -1;
  for (let i = 0; i < BUILD; i++) {
    if (!commandMatches(i, commands)) continue;
    if (first < 0) first = i;
    else {
      second = i;
      break;
    }
  }
  if (first < 0) return undefined;
  // One rule matches the commands at all (the usual case): no need to count.
  if (second < 0) return RULES[first].kind;
  let best = first;
  let bestCount = 0;
  for (let i = first; i < BUILD; i++) {
    if (i !== first && !commandMatches(i, commands)) continue;
    const pattern = RULES[i].command;
    let count = 0;
    for (const command of list) if (pattern.test(command)) count++;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  return RULES[best].kind;
}

// Every rule's command pattern is tested once against all commands joined, not once per command
// (this runs for every job on every parse). The separator keeps that equivalent to testing each
// command on its own: no pattern can match across it (`.` stops at the line breaks and `\s` at
// the NUL), and a `\b` next to it sees a non-word character, as it would at the string's edge.
const COMMAND_SEPARATOR = '\n\0\n';

function joinCommands(commands: readonly string[]): string | undefined {
  if (commands.length === 0) return undefined;
  return commands.length === 1 ? commands[0] : commands.join(COMMAND_SEPARATOR);
}

/** Whether a name alone says what a job is (one of the name rules matches it), whatever it runs. */
export function nameSaysKind(name: string): boolean {
  return RULES.some((r) => r.name.test(name)) || VAGUE_NAMES.some((r) => r.name.test(name));
}

// Id and name are tested one by one so that anchored names (source) can match either.
function nameMatches(rule: { name: RegExp }, facts: JobFacts): boolean {
  return rule.name.test(facts.id) || (facts.name !== undefined && rule.name.test(facts.name));
}

function commandMatches(index: number, commands: CommandText | undefined): boolean {
  return commands !== undefined && commands.mayMatch(index) && RULES[index].command.test(commands.text);
}

/**
 * The joined commands, and which rules' command patterns can match them at all. Scripts can be
 * long, and each pattern that cannot match would scan all of it; one scan for the plain words
 * every pattern needs (see COMMAND_FILTER) rules most of them out, and only the rest are run.
 */
class CommandText {
  private candidates: number | undefined;

  constructor(readonly text: string) {}

  mayMatch(ruleIndex: number): boolean {
    this.candidates ??= candidateRules(this.text);
    return (this.candidates & (1 << ruleIndex)) !== 0;
  }
}

/** Bit i set: rule i's command pattern may match `text` (an unset bit is certain: it cannot). */
function candidateRules(text: string): number {
  const { scan, rulesOf, always, all } = COMMAND_FILTER;
  let found = always;
  scan.lastIndex = 0;
  for (let m = scan.exec(text); m !== null && found !== all; m = scan.exec(text)) {
    found |= rulesOf.get(m[0].toLowerCase()) ?? all;
    // On from the next character, not the match's end: a word may start inside another one.
    scan.lastIndex = m.index + 1;
  }
  return found;
}

interface CommandFilter {
  /** Every rule's required words, shortest first, ignoring case. */
  scan: RegExp;
  /** Per word found at a position: the rules needing it or a longer word it begins (also there). */
  rulesOf: Map<string, number>;
  /** Rules whose pattern gives no word to look for: always tested. */
  always: number;
  all: number;
}

/**
 * Derived from RULES, so it follows any edit to them: each top-level alternative of a command
 * pattern contributes the longest run of plain characters that every match of it contains. At a
 * position the scan reports the shortest word found there; any longer word found there begins
 * with it, so its rules are included too, and no rule that can match is ever left out.
 */
const COMMAND_FILTER: CommandFilter = (() => {
  const needs = new Map<string, number>();
  let always = 0;
  let all = 0;
  RULES.forEach((rule, i) => {
    all |= 1 << i;
    const words = requiredWords(rule.command);
    if (words === undefined) always |= 1 << i;
    else for (const w of words) needs.set(w, (needs.get(w) ?? 0) | (1 << i));
  });
  const words = [...needs.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const rulesOf = new Map<string, number>();
  for (const w of words) {
    let rules = 0;
    for (const longer of words) if (longer.startsWith(w)) rules |= needs.get(longer)!;
    rulesOf.set(w, rules);
  }
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  // Never matches when no rule gives words: every rule is then in `always`.
  const scan = new RegExp(escaped.length > 0 ? escaped.join('|') : '[^\\s\\S]', 'gi');
  return { scan, rulesOf, always, all };
})();

/** One word per top-level alternative, lower case; undefined when some alternative gives none. */
function requiredWords(pattern: RegExp): string[] | undefined {
  // Unicode case folding matches non-ASCII letters to ASCII ones; the scan's folding does not.
  if (pattern.flags.includes('u') || pattern.flags.includes('v')) return undefined;
  const words: string[] = [];
  for (const alternative of topLevelAlternatives(pattern.source)) {
    const run = longestPlainRun(alternative);
    if (run === undefined || run.length < 2) return undefined;
    words.push(run.toLowerCase());
  }
  return words;
}

function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(start, i));
      start = i + 1;
    }
  }
  alternatives.push(source.slice(start));
  return alternatives;
}

/**
 * The longest run of characters an alternative matches as written, or undefined when it uses
 * syntax this reading does not follow (backreferences, `\x`/`\u` escapes). Groups, classes,
 * `.`, anchors and class escapes (`\s`, `\b` …) end a run; a character followed by a quantifier
 * is not part of one. Only ASCII runs count.
 */
function longestPlainRun(alternative: string): string | undefined {
  let best = '';
  let run = '';
  const endRun = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i];
    if (c === '\\') {
      const next = alternative[++i] ?? '';
      if (/^[dDwWsSbBfnrtv]$/.test(next)) endRun();
      else if (/^[ -~]$/.test(next) && !/^[A-Za-z0-9]$/.test(next)) run += next; // `\/`, `\.`, `\@`
      else return undefined;
    } else if (c === '(' || c === '[') {
      i = closingIndex(alternative, i);
      endRun();
    } else if (c === '?' || c === '*' || c === '+' || c === '{') {
      run = run.slice(0, -1);
      endRun();
      if (c === '{') i = Math.max(i, alternative.indexOf('}', i));
    } else if (c === '.' || c === '^' || c === '$' || !/^[ -~]$/.test(c)) {
      endRun();
    } else {
      run += c;
    }
  }
  endRun();
  return best === '' ? undefined : best;
}

/** Index of the `)` or `]` closing the group or class that opens at `open` (nesting, escapes). */
function closingIndex(text: string, open: number): number {
  if (text[open] === '[') {
    for (let i = open + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === ']') return i;
    }
    return text.length;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') i = closingIndex(text, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}
