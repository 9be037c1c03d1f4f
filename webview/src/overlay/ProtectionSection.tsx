// The inspector's "Protection rules (GitHub)" for the selected job's environment: the gate GitHub
// keeps out of the YAML — required reviewers, prevent self-review, wait timer, branch policy —
// as the API reports it. A person who may administer the repository can change the reviewers,
// self-review and wait timer; "Set Rules…" asks the host, which looks the reviewers up and asks
// for confirmation naming the environment and repository. Nothing is sent on typing or leaving a
// field: a change on GitHub is one deliberate button press.
import { useContext, useState } from 'react';
import type { GraphNode } from '../../../src/core/model';
import { parseReviewerNames, reviewerText } from '../../../src/core/operate/reviewerNames';
import { MAX_WAIT_TIMER } from '../../../src/shared/protocol';
import { TextField, useDraft } from '../inspector/fields';
import { rulesSentence } from './nodeStatusWords';
import { RunOverlayContext } from './RunOverlayContext';

export interface ProtectionRequest {
  environment: string;
  reviewers: string;
  preventSelfReview: boolean;
  waitTimerMinutes: number;
}

interface Draft {
  reviewers: string;
  preventSelfReview: boolean;
  waitTimer: string;
}

const ENABLED = { enabled: true } as const;

export function ProtectionSection({ node, onSetProtection }: { node: GraphNode; onSetProtection(request: ProtectionRequest): void }) {
  const overlay = useContext(RunOverlayContext);
  const name = node.environment;
  if (overlay?.state !== 'shown' || name === undefined) return null;
  const env = overlay.environments[name];
  const current: Draft = {
    reviewers: (env?.rules.reviewers ?? []).map((r) => reviewerText(r, overlay.owner)).join(', '),
    preventSelfReview: env?.rules.preventSelfReview ?? false,
    waitTimer: String(env?.rules.waitTimerMinutes ?? 0),
  };
  return (
    <fieldset className="pw-inspector-group pw-protection">
      <legend>Protection rules (GitHub)</legend>
      <p className="pw-protection-rules" role="note">
        <span className={`codicon ${env?.gated ? 'codicon-shield' : 'codicon-server-environment'}`} aria-hidden="true" />
        <span>{env ? rulesSentence(env, overlay.owner) : `${name} is not an environment of ${overlay.where} yet: GitHub creates it at its first deployment.`}</span>
      </p>
      {overlay.canAdminister ? (
        <ProtectionForm key={`${name}\n${JSON.stringify(current)}`} environment={name} where={overlay.where} current={current} onSetProtection={onSetProtection} />
      ) : (
        <p className="pw-inspector-reason">Changing them needs admin permission on {overlay.where}.</p>
      )}
    </fieldset>
  );
}

function ProtectionForm({ environment, where, current, onSetProtection }: { environment: string; where: string; current: Draft; onSetProtection(request: ProtectionRequest): void }) {
  const [draft, setDraft] = useDraft<Draft>(current, JSON.stringify(current));
  const [tried, setTried] = useState(false);
  const names = parseReviewerNames(draft.reviewers);
  const minutes = /^\d+$/.test(draft.waitTimer.trim()) ? Number(draft.waitTimer.trim()) : NaN;
  const timerProblem = Number.isInteger(minutes) && minutes <= MAX_WAIT_TIMER ? undefined : `a whole number of minutes from 0 to ${MAX_WAIT_TIMER} (30 days)`;
  const changed = JSON.stringify(draft) !== JSON.stringify(current);
  const submit = () => {
    setTried(true);
    if (!names.ok || timerProblem !== undefined || !changed) return;
    onSetProtection({ environment, reviewers: draft.reviewers, preventSelfReview: draft.preventSelfReview, waitTimerMinutes: minutes });
  };
  const revert = () => setDraft(current);
  return (
    <>
      <TextField
        fieldId="pw-protection-reviewers"
        label="Required reviewers (logins, ORG/team)"
        draft={draft.reviewers}
        onDraft={(reviewers) => setDraft({ ...draft, reviewers })}
        onCommit={() => undefined}
        onEscape={revert}
        message={(tried || draft.reviewers !== current.reviewers) && !names.ok ? names.error : undefined}
        support={ENABLED}
        placeholder="none: anyone may deploy"
      />
      <label className="pw-protection-check">
        <input
          type="checkbox"
          id="pw-protection-self-review"
          checked={draft.preventSelfReview}
          onChange={(e) => setDraft({ ...draft, preventSelfReview: e.target.checked })}
        />
        Prevent self-review
      </label>
      <TextField
        fieldId="pw-protection-wait-timer"
        label="Wait timer (minutes)"
        draft={draft.waitTimer}
        onDraft={(waitTimer) => setDraft({ ...draft, waitTimer })}
        onCommit={() => undefined}
        onEscape={revert}
        message={(tried || draft.waitTimer !== current.waitTimer) ? timerProblem : undefined}
        support={ENABLED}
      />
      <vscode-button
        className="pw-protection-set"
        icon="shield"
        disabled={!changed}
        title={`Set these rules on ${environment} in ${where} (asks for confirmation)`}
        onClick={submit}
      >
        Set Rules…
      </vscode-button>
    </>
  );
}
