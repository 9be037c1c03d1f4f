// The rows under a job's title: kind, environment, gate, strategy, read-only marks. The row list
// comes from jobDetailRows so the drawn height matches the height layout reserved.
import type { GraphNode } from '../../../src/core/model';
import { gateLabel, kindLabel, marksLabel, readOnlyNote } from '../flow/describe';
import { jobDetailRows } from '../layout/nodeSize';
import { gateIconClass } from './kindIcons';
import { useContext } from 'react';
import { environmentGateId, rulesSentence } from '../overlay/nodeStatusWords';
import { RunOverlayContext } from '../overlay/RunOverlayContext';

export function NodeDetails({ node }: { node: GraphNode }) {
  return (
    <>
      {jobDetailRows(node).map((row) => {
        switch (row) {
          case 'kind':
            return (
              <div key={row} className="pw-row pw-row-kind" title={kindRowText(node)}>
                <span className="pw-row-text">
                  {kindLabel(node.kind)}
                  {node.id !== node.name ? <span className="pw-node-id"> · {node.id}</span> : null}
                </span>
              </div>
            );
          case 'environment':
            return <EnvironmentRow key={row} node={node} />;
          case 'gate':
            return (
              <div key={row} className="pw-row pw-row-gate" title={[gateLabel(node.gate!), node.gate!.instructions].filter(Boolean).join('\n')}>
                <span className={gateIconClass(node.gate!.kind)} aria-hidden="true" />
                <span className="pw-row-text">{gateLabel(node.gate!)}</span>
              </div>
            );
          case 'strategy':
            return (
              <div key={row} className="pw-row pw-row-strategy" title={`Strategy: ${node.strategy}`}>
                <span className="codicon codicon-type-hierarchy" aria-hidden="true" />
                <span className="pw-row-text">{node.strategy}</span>
              </div>
            );
          case 'marks':
            // A node of a composed pipeline drawn from another file says which file.
            if (node.file !== undefined) {
              return (
                <div key={row} className="pw-row pw-row-marks pw-row-file" title={node.marks.length > 0 ? `${node.file}\n${readOnlyNote(node)}` : `Defined in ${node.file}`}>
                  <span className="codicon codicon-file" aria-hidden="true" />
                  <span className="pw-row-text">{node.file.slice(node.file.lastIndexOf('/') + 1)}</span>
                </div>
              );
            }
            return (
              <div key={row} className="pw-row pw-row-marks" title={readOnlyNote(node)}>
                <span className="codicon codicon-lock" aria-hidden="true" />
                <span className="pw-row-text">{marksLabel(node)}</span>
              </div>
            );
        }
      })}
    </>
  );
}

/**
 * The environment, and — when GitHub says so (the run overlay's environments) — that it is a
 * gate: required reviewers make a deployment wait for a person, which the YAML cannot show.
 */
function EnvironmentRow({ node }: { node: GraphNode }) {
  const overlay = useContext(RunOverlayContext);
  const env = overlay?.state === 'shown' && node.environment !== undefined ? overlay.environments[node.environment] : undefined;
  const rules = env && overlay?.state === 'shown' ? rulesSentence(env, overlay.owner) : undefined;
  return (
    <div className={`pw-row pw-row-environment${env?.gated ? ' pw-env-gated' : ''}`} title={[node.environmentUrl ?? node.environment, rules].filter(Boolean).join('\n')}>
      <span className={`codicon ${env?.gated ? 'codicon-shield' : 'codicon-server-environment'}`} aria-hidden="true" />
      <span className="pw-row-text">
        {node.environment}
        {env?.gated ? <span className="pw-env-gate-text" aria-hidden="true"> · needs approval</span> : null}
        {rules ? <span id={environmentGateId(node.id)} className="pw-sr-only">{`Environment ${node.environment}: ${rules}`}</span> : null}
      </span>
    </div>
  );
}

/** The kind row in full, for its tooltip: the card may cut it with an ellipsis. */
function kindRowText(node: GraphNode): string {
  const kind = kindLabel(node.kind);
  const text = kind.charAt(0).toUpperCase() + kind.slice(1);
  return node.id !== node.name ? `${text} · ${node.id}` : text;
}
