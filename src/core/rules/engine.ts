// Running the rules over a parse the designer (or the command line) already has: which rules are
// on and how loud, the findings on read-only nodes said to be so (and offered no fix), disable
// comments honoured and the unused ones reported.
import { isProductionLike, DEFAULT_PRODUCTION_WORDS } from '../gates';
import { LineIndex, type Finding } from '../findings';
import type { Dialect, PipelineGraph } from '../model';
import { readOnlyClause } from '../readOnly';
import type { YamlSource } from '../yaml/source';
import { RULES, ruleDocUrl, UNUSED_DISABLE } from './catalog';
import { EMPTY_CONFIG, type LintConfig } from './config';
import { JobYaml } from './jobYaml';
import type { LintOptions, Rule, RuleContext, RuleFix, RuleHit, RuleSeverity } from './rule';
import { directiveRange, disableComments } from './suppress';

/** A rule's finding as every consumer shows it. `code` is the rule id. */
export interface LintFinding extends Finding {
  severity: RuleSeverity;
  /** The rule page. */
  docs: string;
  /** The graph node it is about. */
  node?: string;
  /** The quick fix; absent on read-only nodes and for rules without one. */
  fix?: RuleFix;
}

/** What lintPipeline needs: the text, its parse and its graph, as the designer session keeps them. */
export interface LintInput {
  text: string;
  src: YamlSource;
  graph: PipelineGraph;
}

export function lintPipeline(input: LintInput, config: LintConfig = EMPTY_CONFIG, options: LintOptions = {}): LintFinding[] {
  const ctx = ruleContext(input, config, options);
  const byId = new Map(input.graph.nodes.map((n) => [n.id, n]));
  const findings: LintFinding[] = [];
  for (const rule of RULES) {
    if (!runs(rule, input.graph.dialect, config, options)) continue;
    const setting = config.rules.get(rule.id) as RuleSeverity | undefined; // not 'off': it runs
    for (const hit of rule.check(ctx)) {
      const node = hit.node !== undefined ? byId.get(hit.node) : undefined;
      findings.push(toFinding(rule.id, hit, setting ?? hit.severity ?? rule.severity, node && node.marks.length > 0 ? readOnlyClause(node) : undefined));
    }
  }
  const kept = applyDisableComments(input.text, findings, config, input.graph.dialect, options);
  return kept.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.code.localeCompare(b.code));
}

/** Whether a rule runs on this file with this configuration and these options. */
function runs(rule: Rule, dialect: Dialect, config: LintConfig, options: LintOptions): boolean {
  if (!rule.dialects.includes(dialect) || config.rules.get(rule.id) === 'off') return false;
  if (options.only && !options.only.has(rule.id)) return false;
  return rule.requires !== 'schema' || options.schema?.(dialect) !== undefined;
}

function ruleContext(input: LintInput, config: LintConfig, options: LintOptions): RuleContext {
  const words = new Set((options.productionWords ?? config.productionWords ?? DEFAULT_PRODUCTION_WORDS).map((w) => w.toLowerCase()));
  const protection = new Map([...(options.environmentProtection ?? new Map())].map(([k, v]) => [k.toLowerCase(), v]));
  return {
    text: input.text,
    src: input.src,
    graph: input.graph,
    lines: new LineIndex(input.text),
    jobs: new JobYaml(input.src, input.graph),
    isProductionLike: (environment) => isProductionLike(environment, words),
    environmentProtection: (environment) => protection.get(environment.toLowerCase()),
    ...(options.schema?.(input.graph.dialect) ? { schema: options.schema(input.graph.dialect) } : {}),
  };
}

function toFinding(rule: string, hit: RuleHit, severity: RuleSeverity, readOnly: string | undefined): LintFinding {
  return {
    code: rule,
    // A read-only node cannot be fixed from here: say why, offer nothing.
    message: readOnly ? `${hit.message} (not fixable here: ${readOnly})` : hit.message,
    severity,
    range: hit.range,
    docs: ruleDocUrl(rule),
    ...(hit.node !== undefined ? { node: hit.node } : {}),
    ...(hit.fix && !readOnly ? { fix: hit.fix } : {}),
  };
}

function applyDisableComments(text: string, findings: LintFinding[], config: LintConfig, dialect: Dialect, options: LintOptions): LintFinding[] {
  const comments = disableComments(text);
  if (comments.length === 0) return findings;
  const used = new Set<number>();
  const kept = findings.filter((f) => {
    const i = comments.findIndex((c) => c.target === f.range.startLine && c.rules.includes(f.code));
    if (i < 0) return true;
    used.add(i);
    return false;
  });
  if (config.rules.get(UNUSED_DISABLE.id) === 'off') return kept;
  const known = new Set(RULES.map((r) => r.id));
  // A rule that does not run here (turned off, or not for this dialect) cannot say the comment is stale.
  const running = new Set(RULES.filter((r) => runs(r, dialect, config, options)).map((r) => r.id));
  comments.forEach((c, i) => {
    if (used.has(i)) return;
    // A pass over some rules only speaks of comments that name only those (the other pass reports the rest).
    if (options.only && !c.rules.every((r) => options.only!.has(r))) return;
    const unknown = c.rules.filter((r) => !known.has(r));
    if (unknown.length === 0 && c.target !== 0 && !c.rules.some((r) => running.has(r))) return;
    const message = unknown.length > 0
      ? `this disable comment names ${unknown.map((r) => `"${r}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a rule' : 'are not rules'}; remove or correct it`
      : c.target === 0
        ? 'this disable comment has no line after it to apply to; remove it'
        : `nothing on line ${c.target} is reported by ${c.rules.map((r) => `"${r}"`).join(', ')}, so this disable comment silences nothing; remove it`;
    kept.push({
      code: UNUSED_DISABLE.id,
      message,
      severity: config.rules.get(UNUSED_DISABLE.id) as RuleSeverity | undefined ?? UNUSED_DISABLE.severity,
      range: directiveRange(c),
      docs: ruleDocUrl(UNUSED_DISABLE.id),
    });
  });
  return kept;
}
