// The one way an edit says no: planners and the line helpers throw a Refusal, and plan.ts puts
// its message in the frame its caller chose: the designer's ("can't edit this visually: …;
// change it in the text") or the command line's ("refused: …; edit the YAML by hand").
import type { PlatformRule } from './platformRules';

/** An operation names a stage, lane or template the file (or the catalog) does not have. */
export interface UnknownName {
  what: 'stage' | 'lane' | 'template';
  name: string;
  /** The names there are, to suggest the nearest. */
  known: readonly string[];
}

export interface RefusalDetails {
  /** The message ends by telling the reader to make the change themselves, in the frame's words. */
  byHand?: boolean;
  /** Set when the operation names something that is not there: a mistake in the operation, not the file. */
  unknown?: UnknownName;
  /** Set when the platform itself rejects the result (platformRules.ts), not the designer's caution. */
  platform?: PlatformRule;
}

/** An edit that cannot be made safely; the message says why, for the user. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly details: RefusalDetails = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

/** How a caller words a refusal for its reader. */
export interface RefusalFrame {
  /** Before every reason. */
  prefix: string;
  /** After a reason that asks for a hand edit (RefusalDetails.byHand), following "; ". */
  byHand: string;
}

/** The designer's words: its reader has the YAML open in the text editor beside it. */
export const DESIGNER_FRAME: RefusalFrame = { prefix: "can't edit this visually: ", byHand: 'change it in the text' };

export function framedReason(frame: RefusalFrame, message: string, details: RefusalDetails = {}): string {
  return `${frame.prefix}${message}${details.byHand ? `; ${frame.byHand}` : ''}`;
}
