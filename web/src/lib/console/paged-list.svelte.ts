/**
 * One page of a long console list, read from the server with the list's total: the
 * screen shows "51–100 van 1.234" and moves first, back, on and last without ever
 * holding the whole list. Pages follow the server's cursors (keyset pagination), so a
 * page is always whole rows in the list's own order; the last page is asked for as "the
 * last n" (n = what is left over), so it lines up with the pages before it.
 */
import type { CountedConnection } from '$lib/graphql/console/paging';

export interface PageArguments {
  first?: number;
  after?: string;
  last?: number;
  before?: string;
}

/** Reads one page; null when the list's owner is gone (then the list is empty). */
export type PageLoader<T> = (page: PageArguments) => Promise<CountedConnection<T> | null | undefined>;

export class PagedList<T> {
  readonly size: number;
  #load: PageLoader<T>;
  #rows = $state.raw<T[] | null>(null);
  #total = $state(0);
  #index = $state(0);
  #loading = $state(false);
  #asked: PageArguments;
  #start: string | null = null;
  #end: string | null = null;
  #request = 0;

  constructor(load: PageLoader<T>, size = 50) {
    this.#load = load;
    this.size = size;
    this.#asked = { first: size };
  }

  /** The rows of the page on screen; null before the first page arrived. */
  get rows(): T[] | null {
    return this.#rows;
  }
  /** How many rows the whole list holds, as the server counted. */
  get total(): number {
    return this.#total;
  }
  /** The page on screen, counting from 0. */
  get index(): number {
    return this.#index;
  }
  get loading(): boolean {
    return this.#loading;
  }
  get pageCount(): number {
    return Math.max(1, Math.ceil(this.#total / this.size));
  }
  /** Place in the whole list of the first row on screen, counting from 0. */
  get offset(): number {
    return this.#index * this.size;
  }
  /** The first and last row on screen, counting from 1 (0 and 0 for an empty list). */
  get range(): { from: number; to: number } {
    const shown = this.#rows?.length ?? 0;
    return shown === 0 ? { from: 0, to: 0 } : { from: this.offset + 1, to: this.offset + shown };
  }
  get hasPrevious(): boolean {
    return this.#index > 0;
  }
  get hasNext(): boolean {
    return this.#index < this.pageCount - 1;
  }

  /** The first page (also: after the filter changed). */
  first(): Promise<void> {
    return this.#go({ first: this.size }, 0);
  }

  next(): Promise<void> {
    if (!this.hasNext || !this.#end) return Promise.resolve();
    return this.#go({ first: this.size, after: this.#end }, this.#index + 1);
  }

  previous(): Promise<void> {
    if (!this.hasPrevious) return Promise.resolve();
    if (this.#index === 1 || !this.#start) return this.first();
    return this.#go({ last: this.size, before: this.#start }, this.#index - 1);
  }

  /** The last page; asked again when the list grew or shrank meanwhile, so it lines up with the others. */
  async last(): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const total = this.#total;
      const index = this.pageCount - 1;
      await this.#go({ last: total - index * this.size || this.size }, index);
      if (this.#total === total) return;
    }
  }

  /** The same page again, after a change on it; back a page when it was the last one and it emptied. */
  async reload(): Promise<void> {
    await this.#go(this.#asked, this.#index);
    if (this.#rows?.length === 0 && this.#total > 0) await this.last();
  }

  async #go(page: PageArguments, index: number): Promise<void> {
    const request = ++this.#request;
    this.#loading = true;
    try {
      const answer = await this.#load(page);
      // A later click has asked for another page meanwhile: its answer counts, not this one.
      if (request !== this.#request) return;
      this.#rows = answer?.edges.map((edge) => edge.node) ?? [];
      this.#total = answer?.totalCount ?? 0;
      this.#start = answer?.pageInfo.startCursor ?? null;
      this.#end = answer?.pageInfo.endCursor ?? null;
      this.#asked = page;
      this.#index = Math.min(index, this.pageCount - 1);
    } finally {
      if (request === this.#request) this.#loading = false;
    }
  }
}
