// Node sizes are computed, not measured, so layout stays a pure function of the graph. The
// numbers here and the box model in styles.css (.pw-job*) must agree.
import type { GraphNode } from '../../../src/core/model';

export const JOB_WIDTH = 240;
const JOB_PADDING_Y = 12;
const JOB_TITLE_HEIGHT = 22;
const JOB_ROW_HEIGHT = 20;

export const GHOST_WIDTH = 200;
export const GHOST_HEIGHT = 60;

/** Azure stage group chrome around the jobs it holds. */
/** Two lines: the stage's name, then its kind and facts (styles.css .pw-stage-header). */
export const STAGE_HEADER_HEIGHT = 50;
export const STAGE_PADDING = 16;
export const EMPTY_STAGE_WIDTH = JOB_WIDTH + 2 * STAGE_PADDING;
export const EMPTY_STAGE_BODY_HEIGHT = 40;

/** The detail rows a job card shows under its title, in display order. */
export function jobDetailRows(node: GraphNode): Array<'kind' | 'environment' | 'gate' | 'strategy' | 'marks'> {
  const rows: Array<'kind' | 'environment' | 'gate' | 'strategy' | 'marks'> = ['kind'];
  if (node.environment !== undefined) rows.push('environment');
  if (node.gate !== undefined) rows.push('gate');
  if (node.strategy !== undefined) rows.push('strategy');
  // A node written in another file of a composed pipeline shows that file on this row.
  if (node.marks.length > 0 || node.file !== undefined) rows.push('marks');
  return rows;
}

export function jobSize(node: GraphNode): { width: number; height: number } {
  return {
    width: JOB_WIDTH,
    height: JOB_PADDING_Y + JOB_TITLE_HEIGHT + JOB_ROW_HEIGHT * jobDetailRows(node).length,
  };
}
