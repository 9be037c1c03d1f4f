// Where the user dragged nodes in one file's designer: React Flow positions by node id (absolute
// for top-level nodes, relative to the stage group for an Azure job). Kept per file in VS Code's
// workspace state, never in the YAML; both sides check them as untrusted input.

export interface NodePosition {
  x: number;
  y: number;
}

export type NodePositions = Record<string, NodePosition>;

/** More nodes than any real pipeline has; bounds what one file can keep in workspace state. */
export const MAX_SAVED_POSITIONS = 5000;
/** Node ids are YAML keys; longer ones are not worth remembering a position for. */
const MAX_ID_LENGTH = 500;
/** Far beyond any drawing; keeps absurd coordinates out of the store. */
const MAX_COORDINATE = 1e7;

export type PositionsCheck = { ok: true; positions: NodePositions } | { ok: false; error: string };

/** Checks a positions map from an untrusted source; `where` names it in the error. */
export function checkNodePositions(raw: unknown, where = 'positions'): PositionsCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: `${where} must be an object` };
  const entries = Object.entries(raw);
  if (entries.length > MAX_SAVED_POSITIONS) return { ok: false, error: `${where} has more than ${MAX_SAVED_POSITIONS} entries` };
  for (const [id, value] of entries) {
    if (id === '' || id.length > MAX_ID_LENGTH) return { ok: false, error: `${where} has an empty or over-long node id` };
    if (!isPosition(value)) return { ok: false, error: `${where}[${JSON.stringify(id.slice(0, 80))}] must be {x, y} with finite numbers` };
  }
  // fromEntries defines own properties, so an id like `__proto__` is a key like any other.
  return { ok: true, positions: Object.fromEntries(entries.map(([id, v]) => [id, { x: (v as NodePosition).x, y: (v as NodePosition).y }])) };
}

function isPosition(v: unknown): v is NodePosition {
  if (typeof v !== 'object' || v === null) return false;
  const { x, y } = v as Record<string, unknown>;
  return [x, y].every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= MAX_COORDINATE);
}

/** The entries whose id is in `keep`, in a fresh map. */
export function keepPositions(positions: NodePositions, keep: ReadonlySet<string>): NodePositions {
  return Object.fromEntries(Object.entries(positions).filter(([id]) => keep.has(id)));
}

/** The saved position of a node, never one inherited from Object.prototype. */
export function savedPosition(positions: NodePositions, id: string): NodePosition | undefined {
  return Object.hasOwn(positions, id) ? positions[id] : undefined;
}
