// The side panel for the selected job or stage: every property the edit engine can set, checked
// as the user types and sent on commit (Enter, or leaving a changed field; selects on change)
// as one `edit` each. It never changes the graph itself: the new values arrive with the next
// document. Read-only stages say why and offer "Show in text".
import { useEffect, useRef, useState } from 'react';
import type { EditOperation } from '../../../src/core/edit/operations';
import type { GraphNode, PipelineGraph } from '../../../src/core/model';
import type { EditPreview } from '../../../src/shared/previewEdit';
import { kindLabel, readOnlyNote } from '../flow/describe';
import { GroupNote, groupNotes, SelectField, TextField, useDraft, type SelectChoice } from './fields';
import { parseApprovers, parseCanarySteps, parseDuration, parseMaxParallel, parseRollingAmount } from './fieldRules';
import { allFieldsDisabled, inspectorSupport, type FieldSupport, type InspectorSupport } from './fieldSupport';
import {
  conditionCommit,
  emptiedParameterProblem,
  environmentCommit,
  gateCommit,
  gateDraftOf,
  idCommit,
  localId,
  nameCommit,
  runnerCommit,
  shownName,
  strategyCommit,
  strategyDraftOf,
  timeoutCommit,
  type Commit,
  type GateDraft,
  type StrategyDraft,
} from './propertyEdits';
import { ProtectionSection, type ProtectionRequest } from '../overlay/ProtectionSection';
import { FindingsList } from '../lint/FindingsList';
import type { IndexedFinding } from '../lint/nodeFindings';
import './inspector.css';

interface InspectorProps {
  graph: PipelineGraph;
  /** The one selected node, if exactly one is selected. */
  node: GraphNode | undefined;
  selectionCount: number;
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Bumped to move keyboard focus into the panel (Enter on a node). */
  focusRequest: number;
  onEdit(operation: EditOperation): void;
  /** Asks the host what an edit would do, without making it; `answer` is called once. */
  onPreview?(operation: EditOperation, answer: (preview: EditPreview) => void): void;
  /** Why edits cannot be made now (the YAML does not parse), or undefined. */
  editBlockedReason?: string;
  onRefused(reason: string): void;
  onShowInText(nodeId: string): void;
  /** Escape with nothing to undo: back to the node on the canvas. */
  onReturnToCanvas(nodeId: string): void;
  /** Set the selected job's environment's protection rules on GitHub (the host confirms first). */
  onSetProtection?(request: ProtectionRequest): void;
  /** Apply a finding's quick fix. */
  onFix(finding: IndexedFinding): void;
  /** Put the text cursor at a 1-based position. */
  onReveal(line: number, column: number): void;
}

export function Inspector(props: InspectorProps) {
  const { graph, node, selectionCount, open, onOpenChange, focusRequest } = props;
  const panel = useRef<HTMLElement>(null);

  // Enter on a node: focus the first control that takes input (or the panel's first button).
  useEffect(() => {
    if (focusRequest === 0 || !open) return undefined;
    const frame = requestAnimationFrame(() => {
      const root = panel.current;
      if (!root) return;
      const target =
        root.querySelector<HTMLElement>('.pw-inspector-control:not([disabled])') ??
        root.querySelector<HTMLElement>('.pw-inspector-show-text') ??
        root.querySelector<HTMLElement>('.pw-inspector-close');
      target?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [focusRequest, open]);

  // Closed, it takes no room; the toolbar's Inspector button (or Enter on a node) opens it.
  if (!open) return null;
  return (
    <aside ref={panel} className="pw-inspector" role="complementary" aria-label={node ? `Inspector: ${node.name}` : 'Inspector'}>
      <header className="pw-inspector-header">
        <h2 className="pw-inspector-title">{node ? node.name : 'Inspector'}</h2>
        <vscode-button secondary icon="close" className="pw-inspector-close" title="Close the inspector" aria-label="Close the inspector" onClick={() => onOpenChange(false)} />
      </header>
      {node ? (
        <NodeSettings key={node.id} {...props} node={node} />
      ) : (
        <p className="pw-inspector-empty">
          {selectionCount > 1 ? `${selectionCount} stages are selected; select one to see its settings.` : 'Select a job or stage to see its settings.'}
        </p>
      )}
    </aside>
  );
}

/** What every section needs to send an edit. */
interface SectionContext {
  graph: PipelineGraph;
  node: GraphNode;
  support: InspectorSupport;
  /** Sends a commit's edit (once per value), or says why editing is blocked. */
  post(commit: Commit, valueKey: string): void;
  back(): void;
  preview?: InspectorProps['onPreview'];
}

function NodeSettings(props: InspectorProps & { node: GraphNode }) {
  const { graph, node, onEdit, onPreview, editBlockedReason, onRefused, onShowInText, onReturnToCanvas } = props;
  const support = inspectorSupport(graph, node);
  // One post per committed value: Enter then leaving the field must not send it twice.
  const lastPosted = useRef(new Map<string, string>());
  const post = (commit: Commit, valueKey: string) => {
    if (!commit.ok || !commit.value) return;
    const operation = commit.value;
    const field = operation.op === 'setProperty' ? operation.property : operation.op;
    const sent = JSON.stringify(operation);
    if (lastPosted.current.get(field) === `${valueKey}\n${sent}`) return;
    if (editBlockedReason) {
      onRefused(editBlockedReason);
      return;
    }
    lastPosted.current.set(field, `${valueKey}\n${sent}`);
    onEdit(operation);
  };
  const ctx: SectionContext = { graph, node, support, post, back: () => onReturnToCanvas(node.id), ...(onPreview ? { preview: onPreview } : {}) };
  const readOnly = node.marks.length > 0;
  const partly = readOnly && !allFieldsDisabled(support);

  return (
    <div className="pw-inspector-body">
      <p className="pw-inspector-kind">
        {node.role === 'stage' ? 'Stage' : 'Job'} · {kindLabel(node.kind)}
      </p>
      {readOnly ? (
        <div className="pw-inspector-readonly" role="note">
          <span className="codicon codicon-lock" aria-hidden="true" />
          <span>{readOnlyNote(node, partly)}</span>
        </div>
      ) : null}
      {/* A node written in another file of a composed pipeline (or merged from several): its definition there. */}
      <vscode-button secondary icon="go-to-file" className="pw-inspector-show-text" title={node.file} onClick={() => onShowInText(node.id)}>
        {node.file !== undefined ? `Open definition in ${node.file.slice(node.file.lastIndexOf('/') + 1)}` : 'Show in text'}
      </vscode-button>
      <FindingsList nodeId={node.id} onFix={props.onFix} onReveal={props.onReveal} />
      <SingleSetting ctx={ctx} field="id" label="Id" current={localId(graph, node)} support={support.id} commitOf={(t) => idCommit(graph, node, t)} previewed />
      <SingleSetting
        ctx={ctx}
        field="name"
        label="Display name"
        current={shownName(graph, node)}
        support={support.name}
        placeholder={support.name.enabled ? `none: the id (${localId(graph, node)}) is shown` : undefined}
        commitOf={(t) => nameCommit(graph, node, t)}
      />
      <SingleSetting
        ctx={ctx}
        field="runner"
        label="Runner"
        current={node.runner ?? ''}
        support={support.runner}
        placeholder={node.runner === undefined ? support.placeholders.runner : undefined}
        commitOf={(t) => runnerCommit(node, support, t)}
      />
      <EnvironmentSection ctx={ctx} />
      {props.onSetProtection ? <ProtectionSection node={node} onSetProtection={props.onSetProtection} /> : null}
      <GateSection ctx={ctx} />
      <StrategySection ctx={ctx} />
      <SingleSetting
        ctx={ctx}
        field="condition"
        label="Condition"
        current={node.condition ?? ''}
        support={support.condition}
        placeholder={node.condition === undefined ? support.placeholders.condition : undefined}
        commitOf={(t) => conditionCommit(node, t)}
      />
      <SingleSetting
        ctx={ctx}
        field="timeout"
        label="Timeout (minutes)"
        current={node.timeout ?? ''}
        support={support.timeout}
        placeholder={node.timeout === undefined ? support.placeholders.timeout : undefined}
        commitOf={(t) => timeoutCommit(node, t)}
      />
    </div>
  );
}

function fieldId(field: string): string {
  return `pw-inspector-${field}`;
}

/** A setting with one text field of its own. */
function SingleSetting({ ctx, field, label, current, support, placeholder, commitOf, previewed }: {
  ctx: SectionContext;
  field: string;
  label: string;
  current: string;
  support: FieldSupport;
  placeholder?: string;
  commitOf(typed: string): Commit;
  /** Say under the field what committing the draft would do (a rename's references). */
  previewed?: boolean;
}) {
  const [draft, setDraft] = useDraft(current, current);
  const changed = draft !== current;
  const commit = commitOf(draft);
  const note = usePreview(previewed && changed && commit.ok ? commit.value : undefined, ctx.preview);
  return (
    <TextField
      fieldId={fieldId(field)}
      label={label}
      draft={draft}
      onDraft={setDraft}
      onCommit={() => ctx.post(commit, current)}
      onEscape={() => (changed ? setDraft(current) : ctx.back())}
      message={changed && !commit.ok ? commit.message : undefined}
      {...(note !== undefined ? { note } : {})}
      support={support}
      placeholder={placeholder}
    />
  );
}

/** How long typing must pause before the host is asked what the draft would do. */
const PREVIEW_DELAY_MS = 250;

/**
 * What the host says `operation` would do ("renames 5 references", or why it cannot be done),
 * asked once typing pauses; undefined while there is nothing to say or the answer is pending.
 */
function usePreview(operation: EditOperation | undefined, ask: SectionContext['preview']): string | undefined {
  const key = operation ? JSON.stringify(operation) : '';
  const [answer, setAnswer] = useState<{ key: string; text: string }>();
  useEffect(() => {
    if (!operation || !ask) return undefined;
    let current = true;
    const timer = setTimeout(() => ask(operation, (p) => {
      if (current) setAnswer({ key, text: p.ok ? `${sentenceStart(p.summary ?? 'can be done')}.` : p.reason ?? 'cannot be done' });
    }), PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The operation is fully described by its key.
  }, [key, ask]);
  return answer && answer.key === key ? answer.text : undefined;
}

function sentenceStart(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function EnvironmentSection({ ctx }: { ctx: SectionContext }) {
  const { node, support } = ctx;
  const notes = groupNotes([support.environment, support.environmentUrl]);
  const current = { name: node.environment ?? '', url: node.environmentUrl ?? '' };
  const key = JSON.stringify(current);
  const [draft, setDraft] = useDraft(current, key);
  const changed = JSON.stringify(draft) !== key;
  const commit = environmentCommit(node, support, draft.name, draft.url);
  const message = changed && !commit.ok ? commit.message : undefined;
  const urlProblem = message !== undefined && /url/i.test(message);
  const onEscape = () => (changed ? setDraft(current) : ctx.back());
  return (
    <fieldset className="pw-inspector-group">
      <legend>Environment</legend>
      <GroupNote text={notes.note} />
      <TextField
        fieldId={fieldId('environment')}
        label="Environment name"
        draft={draft.name}
        onDraft={(name) => setDraft({ ...draft, name })}
        onCommit={() => ctx.post(commit, key)}
        onEscape={onEscape}
        message={urlProblem ? undefined : message}
        support={notes.own(support.environment)}
        placeholder={support.environment.enabled ? 'none' : undefined}
      />
      <TextField
        fieldId={fieldId('environment-url')}
        label="Environment URL"
        draft={draft.url}
        onDraft={(url) => setDraft({ ...draft, url })}
        onCommit={() => ctx.post(commit, key)}
        onEscape={onEscape}
        message={urlProblem ? message : undefined}
        support={notes.own(support.environmentUrl)}
        placeholder={support.environmentUrl.enabled ? 'https://… or $VARIABLE' : undefined}
      />
    </fieldset>
  );
}

const GATE_LABELS: Record<string, string> = {
  none: 'None',
  manual: 'Manual approval',
  delayed: 'Delayed start',
  approvers: 'Named approvers',
};

function GateSection({ ctx }: { ctx: SectionContext }) {
  const { node, support } = ctx;
  const current = gateDraftOf(node);
  const key = JSON.stringify(current);
  const [draft, setDraft] = useDraft<GateDraft>(current, key);
  const changed = JSON.stringify(draft) !== key;
  const commit = gateCommit(node, draft);
  const kinds = support.gateKinds.includes(current.kind as never) ? support.gateKinds : [current.kind, ...support.gateKinds];
  const choices: SelectChoice[] = kinds.map((k) => ({ value: k, label: GATE_LABELS[k] ?? k, disabled: !support.gateKinds.includes(k as never) }));
  const onEscape = () => (changed ? setDraft(current) : ctx.back());
  const afterProblem = draft.kind === 'delayed' && changed ? problemOf(parseDuration(draft.after)) : undefined;
  const approversProblem = draft.kind === 'approvers' && changed ? problemOf(parseApprovers(draft.approvers)) : undefined;
  const paramsEnabled: FieldSupport = { enabled: support.gate.enabled };
  return (
    <fieldset className="pw-inspector-group">
      <legend>Gate</legend>
      <SelectField
        fieldId={fieldId('gate')}
        label="Gate type"
        value={draft.kind}
        choices={choices}
        support={support.gate}
        onChange={(kind) => {
          const next = { ...draft, kind };
          setDraft(next);
          // Kinds that need no parameters (or whose parameters are already valid) apply at once.
          ctx.post(gateCommit(node, next), key);
        }}
      />
      {draft.kind === 'delayed' ? (
        <TextField
          fieldId={fieldId('gate-after')}
          label="Wait before starting"
          draft={draft.after}
          onDraft={(after) => setDraft({ ...draft, after })}
          onCommit={() => ctx.post(commit, key)}
          onEscape={onEscape}
          message={afterProblem}
          support={paramsEnabled}
          placeholder="e.g. 30 minutes"
        />
      ) : null}
      {draft.kind === 'approvers' ? (
        <>
          <TextField
            fieldId={fieldId('gate-approvers')}
            label="Approvers (comma-separated)"
            draft={draft.approvers}
            onDraft={(approvers) => setDraft({ ...draft, approvers })}
            onCommit={() => ctx.post(commit, key)}
            onEscape={onEscape}
            message={approversProblem}
            support={paramsEnabled}
            placeholder="e.g. ops@example.com, lead@example.com"
          />
          <TextField
            fieldId={fieldId('gate-instructions')}
            label="Instructions"
            draft={draft.instructions}
            onDraft={(instructions) => setDraft({ ...draft, instructions })}
            onCommit={() => ctx.post(commit, key)}
            onEscape={onEscape}
            support={paramsEnabled}
            placeholder="optional; Ctrl+Enter applies"
            multiline
          />
        </>
      ) : null}
    </fieldset>
  );
}

const STRATEGY_LABELS: Record<string, string> = {
  none: 'None',
  rolling: 'Rolling',
  'blue-green': 'Blue-green',
  canary: 'Canary',
  runOnce: 'Run once',
};
const STRATEGY_KINDS = ['none', 'runOnce', 'rolling', 'blue-green', 'canary'];
/** A parameter of the strategy on file that the graph does not carry (see strategyDraftOf). */
const SAME_KIND_PLACEHOLDER = 'empty keeps what the YAML says';

function StrategySection({ ctx }: { ctx: SectionContext }) {
  const { node, support } = ctx;
  const current = strategyDraftOf(node);
  const key = JSON.stringify(current);
  const [draft, setDraft] = useDraft<StrategyDraft>(current, key);
  const changed = JSON.stringify(draft) !== key;
  const commit = strategyCommit(node, draft);
  const allowed = new Set<string>(support.strategyKinds);
  const kinds = STRATEGY_KINDS.includes(current.kind) ? STRATEGY_KINDS : [current.kind, ...STRATEGY_KINDS];
  const choices: SelectChoice[] = kinds.map((k) => ({ value: k, label: STRATEGY_LABELS[k] ?? k, disabled: !allowed.has(k) }));
  const onEscape = () => (changed ? setDraft(current) : ctx.back());
  // A field of the strategy on file that starts empty holds what the graph does not carry (see
  // strategyDraftOf); left empty, the YAML keeps it.
  const sameKind = draft.kind === current.kind;
  // The fields drawn for this kind, whose shared reasons the group says once.
  const parameters = draft.kind === 'rolling' ? [support.maxSurge, support.maxUnavailable, support.maxParallel] : draft.kind === 'canary' ? [support.strategy] : [];
  const notes = groupNotes([support.strategy, ...parameters]);
  const text = (field: 'maxSurge' | 'maxUnavailable' | 'maxParallel' | 'steps', label: string, fieldSupport: FieldSupport, problem: string | undefined, example: string) => (
    <TextField
      fieldId={fieldId(`strategy-${field}`)}
      label={label}
      draft={draft[field]}
      onDraft={(value) => setDraft({ ...draft, [field]: value })}
      onCommit={() => ctx.post(commit, key)}
      onEscape={onEscape}
      // Empty says nothing wrong unless a value is needed: new canary steps, or one the YAML had.
      message={draft[field] !== '' || (field === 'steps' && !sameKind) || (sameKind && current[field] !== '') ? problem : undefined}
      support={notes.own(fieldSupport)}
      placeholder={fieldSupport.enabled ? (sameKind ? SAME_KIND_PLACEHOLDER : example) : undefined}
    />
  );
  return (
    <fieldset className="pw-inspector-group">
      <legend>Deployment strategy</legend>
      <GroupNote text={notes.note} />
      <SelectField
        fieldId={fieldId('strategy')}
        label="Strategy type"
        value={draft.kind}
        choices={choices}
        support={notes.own(support.strategy)}
        onChange={(kind) => {
          const next = { ...draft, kind };
          setDraft(next);
          ctx.post(strategyCommit(node, next), key);
        }}
      />
      {draft.kind === 'rolling' ? (
        <>
          {text('maxSurge', 'Max surge', support.maxSurge, problemOf(parseRollingAmount(draft.maxSurge)), 'e.g. 25%')}
          {text('maxUnavailable', 'Max unavailable', support.maxUnavailable, problemOf(parseRollingAmount(draft.maxUnavailable)), 'e.g. 0')}
          {text('maxParallel', 'Max parallel', support.maxParallel, emptiedParameterProblem(node, draft) ?? problemOf(parseMaxParallel(draft.maxParallel)), 'e.g. 2')}
        </>
      ) : null}
      {draft.kind === 'canary' ? text('steps', 'Traffic steps (%)', support.strategy, problemOf(parseCanarySteps(draft.steps)), 'e.g. 10, 50') : null}
    </fieldset>
  );
}

function problemOf(parsed: { ok: true } | { ok: false; message: string }): string | undefined {
  return parsed.ok ? undefined : parsed.message;
}

