// The YAML behind each graph node, found from the offsets the dialect builder recorded, and the
// commands a job runs as written (so a rule can point at the exact characters). Built on first use
// from the parse the graph came from: no second parse.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Dialect, GraphNode, PipelineGraph } from '../model';
import { keyOf, type YamlSource } from '../yaml/source';

/** A scalar that holds a command or an action/task reference, with the key it is under. */
export interface CommandScalar {
  key: string;
  scalar: Scalar.Parsed;
  /** Its value as text. */
  text: string;
  /** The mapping it is in: a GitHub or Azure step (its `with:`/`inputs:`), a GitLab job. */
  parent: YAMLMap.Parsed;
}

export interface NodeYaml {
  node: GraphNode;
  /** The job's mapping (Azure's implicit job: none, its steps are the `steps:` list). */
  map?: YAMLMap.Parsed;
  /** The value the node's YAML is: its mapping, or the steps list. */
  body: Node;
  /** Scripts and references in the order written: GitHub run/uses, GitLab scripts, Azure script/bash/pwsh/powershell/task. */
  commands: CommandScalar[];
}

const COMMAND_KEYS: Record<Dialect, ReadonlySet<string>> = {
  github: new Set(['run', 'uses']),
  gitlab: new Set(['script', 'before_script', 'after_script']),
  azure: new Set(['script', 'bash', 'pwsh', 'powershell', 'task', 'inlineScript']),
};

export class JobYaml {
  private byId: Map<string, NodeYaml> | undefined;

  constructor(
    private readonly src: YamlSource,
    private readonly graph: PipelineGraph,
  ) {}

  /** The node's YAML, or undefined when it cannot be found (a node the builder made up). */
  of(id: string): NodeYaml | undefined {
    return this.index().get(id);
  }

  /** Every job (Azure stages, which only group jobs, are left out). */
  jobs(): NodeYaml[] {
    return [...this.index().values()].filter((n) => n.node.role === 'job');
  }

  private index(): Map<string, NodeYaml> {
    if (this.byId) return this.byId;
    const starts = new Map<number, Node>();
    collectStarts(this.src.doc.contents, starts);
    this.byId = new Map();
    const keys = COMMAND_KEYS[this.graph.dialect];
    for (const node of this.graph.nodes) {
      const body = starts.get(node.offsets[0]);
      if (!body) continue;
      const commands: CommandScalar[] = [];
      collectCommands(body, keys, commands);
      this.byId.set(node.id, { node, body, commands, ...(isMap(body) ? { map: body as YAMLMap.Parsed } : {}) });
    }
    return this.byId;
  }
}

// A node's offsets start at its key (GitHub, GitLab, Azure's implicit job) or at its mapping (an
// Azure list item): record, by start, the value of every pair and every mapping in a list.
function collectStarts(node: unknown, starts: Map<number, Node>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      // An Azure list item's mapping starts where its first key does; the mapping wins.
      if (key?.range && value && !starts.has(key.range[0])) starts.set(key.range[0], value);
      collectStarts(value, starts);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isMap(item) && item.range && !starts.has(item.range[0])) starts.set(item.range[0], item as Node);
      collectStarts(item, starts);
    }
  }
}

function collectCommands(node: unknown, keys: ReadonlySet<string>, into: CommandScalar[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyOf(pair as Pair<unknown, unknown>);
      if (key !== undefined && keys.has(key)) addScalars(key, pair.value, node as YAMLMap.Parsed, into);
      else collectCommands(pair.value, keys, into);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) collectCommands(item, keys, into);
  } else if (isPair(node)) {
    collectCommands(node.value, keys, into);
  }
}

function addScalars(key: string, value: unknown, parent: YAMLMap.Parsed, into: CommandScalar[]): void {
  if (isScalar(value) && typeof value.value === 'string') {
    into.push({ key, scalar: value as Scalar.Parsed, text: value.value, parent });
  } else if (isSeq(value)) {
    // GitLab script lists; nested lists are joined by GitLab, so they are commands too.
    for (const item of value.items) addScalars(key, item, parent, into);
  }
}

/**
 * True when some of the node's settings may be written elsewhere (GitLab `extends`, merges,
 * `!reference`, templates, reusable workflows): a rule about a missing key stays silent there.
 */
export function settingsMayBeElsewhere(node: GraphNode): boolean {
  return node.marks.some((m) => m === 'extends' || m === 'merge' || m === 'reference' || m === 'template' || m === 'reusable-workflow' || m === 'alias' || m === 'include');
}
