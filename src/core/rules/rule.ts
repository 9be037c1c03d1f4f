// What a lint rule is: a stable id, a default severity, the dialects it speaks, one sentence per
// finding, a page in docs/rules, and a check over the parse the designer already has.
import type { EditOperation } from '../edit/operations';
import type { FindingRange, LineIndex } from '../findings';
import type { Dialect, PipelineGraph } from '../model';
import type { YamlSource } from '../yaml/source';
import type { JobYaml } from './jobYaml';
import type { SchemaError } from './schemaErrors';

export type RuleSeverity = 'error' | 'warning' | 'information';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information'];

export type RuleGroup = 'structure' | 'gates' | 'safety' | 'speed' | 'supply-chain';

/** What a rule is, without its check: the README table, SARIF rule metadata and settings read it. */
export interface RuleInfo {
  /** Stable: settings, `.pipewright.yml` and disable comments name rules by it. */
  id: string;
  group: RuleGroup;
  severity: RuleSeverity;
  dialects: readonly Dialect[];
  /** One line: what the rule looks for (README, SARIF shortDescription). */
  summary: string;
  /** What its quick fix does, when it has one. */
  fix?: string;
}

/** A fix as edit operations, planned and verified by the edit engine one after the other. */
export interface RuleFix {
  /** The light bulb's and the inspector button's words, e.g. `Insert an approval gate before "deploy"`. */
  title: string;
  /** Planned in order. Empty while the fix `needs` something from the network (`fixWithSha` makes them). */
  operations: EditOperation[];
  /** false: offered in the editor, not applied by `pipewright lint --fix` (the server may make it unnecessary). */
  automatic?: false;
  /** What the fix must learn from the network before it has operations; such a fix is never automatic. */
  needs?: ActionShaNeeded;
}

/**
 * The commit a step's `uses: OWNER/REPO[/PATH]@REF` names today, which only GitHub knows: the
 * editor resolves it through the GitHub provider, then pins the steps of `stage` that use it.
 */
export interface ActionShaNeeded {
  kind: 'action-sha';
  stage: string;
  uses: string;
}

/** One thing a rule found. */
export interface RuleHit {
  range: FindingRange;
  message: string;
  /** The graph node it is about (the designer's badge), when it is about one. */
  node?: string;
  /** Overrides the rule's severity for this hit (the gate rule's two cases). */
  severity?: RuleSeverity;
  fix?: RuleFix;
}

/** What a server says about an environment's protection rules, when it has been asked. */
export type EnvironmentProtection = 'approval' | 'none';

/** A dialect's JSON schema, compiled by the caller (reading and compiling it is not the core's job). */
export interface SchemaValidator {
  /** The errors of `data` (none when it is valid), in the validator's order. */
  validate(data: unknown): readonly SchemaError[];
  /** The schema object a local `$ref` (`#/definitions/x`) names: how combinator branches are told apart. */
  resolveRef(ref: string): unknown;
}

/** The validator for a dialect, or undefined when its schema is not available. */
export type SchemaValidators = (dialect: Dialect) => SchemaValidator | undefined;

export interface LintOptions {
  /**
   * Checks the file against its dialect's schema (the `schema` rule runs only when given). The
   * editor passes it after a pause in typing, the command line always.
   */
  schema?: SchemaValidators;
  /** Runs only these rules (the editor's schema pass); disable comments about others are left alone. */
  only?: ReadonlySet<string>;
  /** Words that make an environment production-like (default prod, production, prd, live). */
  productionWords?: readonly string[];
  /** Environment name (any case) → what the platform confirmed; absent names are unknown. */
  environmentProtection?: ReadonlyMap<string, EnvironmentProtection>;
}

export interface RuleContext {
  text: string;
  src: YamlSource;
  graph: PipelineGraph;
  lines: LineIndex;
  /** The YAML of each node and the commands it runs. */
  jobs: JobYaml;
  isProductionLike(environment: string | undefined): boolean;
  environmentProtection(environment: string): EnvironmentProtection | undefined;
  /** The dialect's schema validator, when the caller gave one. */
  schema?: SchemaValidator;
}

export interface Rule extends RuleInfo {
  /** 'schema': runs only when the caller passes a schema validator. */
  requires?: 'schema';
  check(ctx: RuleContext): RuleHit[];
}
