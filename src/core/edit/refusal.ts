// The one way an edit says no: planners and the line helpers throw a Refusal, and plan.ts turns
// it into "can't edit this visually" with its message.

/** An edit that cannot be made safely; the message says why, for the user. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}
