/**
 * What a console screen says after an action: a confirmation or a problem, never both.
 * `run` clears the last one, runs the action and shows its outcome, so every screen
 * reports success and failure the same way (see Notices.svelte). Given a form's
 * FormErrors, a validation error stands next to its fields and only the rest is a problem.
 */
import { errorMessage } from './api';
import type { FormErrors } from './form-errors.svelte';

export class Feedback {
  message = $state('');
  problem = $state('');

  /** Runs an action; on success shows `done` and answers true, on failure shows why (next to the fields of `form`). */
  async run(action: () => Promise<unknown>, done: string | (() => string), form?: FormErrors): Promise<boolean> {
    this.clear();
    form?.clear();
    try {
      await action();
      this.message = typeof done === 'function' ? done() : done;
      return true;
    } catch (error) {
      if (!form) {
        this.problem = errorMessage(error);
        return false;
      }
      this.problem = form.take(error) ?? '';
      void form.focusFirst();
      return false;
    }
  }

  /** Shows a problem found before anything was sent (a missing field, say). */
  fail(problem: string): void {
    this.message = '';
    this.problem = problem;
  }

  clear(): void {
    this.message = '';
    this.problem = '';
  }
}
