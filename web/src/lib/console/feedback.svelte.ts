/**
 * What a console screen says after an action: a confirmation or a problem, never both.
 * `run` clears the last one, runs the action and shows its outcome, so every screen
 * reports success and failure the same way (see Notices.svelte).
 */
import { errorMessage } from './api';

export class Feedback {
  message = $state('');
  problem = $state('');

  /** Runs an action; on success shows `done` and answers true, on failure shows why. */
  async run(action: () => Promise<unknown>, done: string | (() => string)): Promise<boolean> {
    this.clear();
    try {
      await action();
      this.message = typeof done === 'function' ? done() : done;
      return true;
    } catch (error) {
      this.problem = errorMessage(error);
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
