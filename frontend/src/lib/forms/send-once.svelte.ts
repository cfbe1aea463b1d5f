// A form that is on its way says so and refuses a second submit until the answer is back (no double posts
// from a double click or an impatient Enter). Without JavaScript the server's idempotency key (`clientId`)
// does the same: see $lib/server/forum.ts.
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';

/** What SvelteKit hands the callback after a submit: the result and its default handling. */
export interface Answer {
  result: ActionResult;
  formElement: HTMLFormElement;
  update: (options?: { reset?: boolean; invalidateAll?: boolean }) => Promise<void>;
}
type Result = Answer;

export class SendOnce {
  sending = $state(false);

  constructor(
    /** What to do with the answer; by default SvelteKit's `update()` (the page's form and data anew). */
    private readonly after: (result: Result) => Promise<void> = ({ update }) => update(),
  ) {}

  /** For `use:enhance={form.submit}`. */
  submit: SubmitFunction = ({ cancel }) => {
    if (this.sending) {
      cancel();
      return;
    }
    this.sending = true;
    return async (result) => {
      try {
        await this.after(result);
      } finally {
        this.sending = false;
      }
    };
  };
}
