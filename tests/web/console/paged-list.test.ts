/**
 * PagedList against a fake server that pages a list the way the API does (keyset cursors,
 * first/after and last/before, totalCount): walking on and back, jumping to the last page,
 * the range it shows, and answers that arrive after a newer click.
 */
import { describe, expect, it } from 'vitest';
import { PagedList, type PageArguments } from '$lib/console/paged-list.svelte';
import type { CountedConnection } from '$lib/graphql/console/paging';

/** A server over `items` (in list order) with cursors = the index, as the API's keyset pages behave. */
function server(items: string[]) {
  const asked: PageArguments[] = [];
  const load = async (page: PageArguments): Promise<CountedConnection<string>> => {
    asked.push(page);
    let from = page.after !== undefined ? Number(page.after) + 1 : 0;
    let to = page.before !== undefined ? Number(page.before) : items.length;
    if (page.first !== undefined) to = Math.min(to, from + page.first);
    if (page.last !== undefined) from = Math.max(from, to - page.last);
    return {
      totalCount: items.length,
      edges: items.slice(from, to).map((node) => ({ node })),
      pageInfo: { hasNextPage: to < items.length, hasPreviousPage: from > 0, startCursor: String(from), endCursor: String(to - 1) },
    };
  };
  return { load, asked };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => `f${i + 1}`);

describe('PagedList', () => {
  it('walks on to the last page and back, with the range of each page', async () => {
    const { load } = server(items(123));
    const list = new PagedList(load, 50);
    await list.first();
    expect(list.rows).toEqual(items(50));
    expect([list.total, list.pageCount, list.range, list.hasPrevious, list.hasNext]).toEqual([123, 3, { from: 1, to: 50 }, false, true]);
    await list.next();
    expect(list.range).toEqual({ from: 51, to: 100 });
    expect(list.rows![0]).toBe('f51');
    await list.next();
    expect(list.range).toEqual({ from: 101, to: 123 });
    expect(list.rows).toEqual(items(123).slice(100));
    expect(list.hasNext).toBe(false);
    await list.next();
    expect(list.range).toEqual({ from: 101, to: 123 });
    await list.previous();
    expect(list.rows).toEqual(items(100).slice(50));
    await list.previous();
    expect(list.rows).toEqual(items(50));
    expect(list.offset).toBe(0);
  });

  it('jumps to the last page on the same page boundaries, and back from there', async () => {
    const { load, asked } = server(items(123));
    const list = new PagedList(load, 50);
    await list.first();
    await list.last();
    expect(asked.at(-1)).toEqual({ last: 23 });
    expect(list.rows).toEqual(items(123).slice(100));
    expect([list.index, list.offset, list.range]).toEqual([2, 100, { from: 101, to: 123 }]);
    await list.previous();
    expect(list.rows).toEqual(items(100).slice(50));
    expect(list.index).toBe(1);
  });

  it('fills the last page when the list divides into whole pages, and says when it is empty', async () => {
    const whole = new PagedList(server(items(100)).load, 50);
    await whole.first();
    await whole.last();
    expect(whole.rows).toEqual(items(100).slice(50));
    const empty = new PagedList(server([]).load, 50);
    await empty.first();
    expect([empty.rows, empty.total, empty.range, empty.hasNext, empty.pageCount]).toEqual([[], 0, { from: 0, to: 0 }, false, 1]);
  });

  it('keeps the answer to the newest click when an older one arrives later', async () => {
    const { load } = server(items(120));
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const list = new PagedList(async (page) => {
      calls += 1;
      if (calls === 2) await slow;
      return load(page);
    }, 50);
    await list.first();
    const older = list.next();
    await list.first();
    release();
    await older;
    expect(list.range).toEqual({ from: 1, to: 50 });
  });

  it('asks for the last page again when the list grew meanwhile (a new invite is the newest)', async () => {
    const all = items(1);
    const list = new PagedList(server(all).load, 50);
    await list.first();
    all.push('f2');
    await list.last();
    expect(list.rows).toEqual(['f1', 'f2']);
    for (let i = 3; i <= 51; i++) all.push(`f${i}`);
    await list.last();
    expect([list.rows, list.range]).toEqual([['f51'], { from: 51, to: 51 }]);
  });

  it('goes back a page when a reload finds its page emptied', async () => {
    const all = items(51);
    const list = new PagedList(server(all).load, 50);
    await list.first();
    await list.next();
    expect(list.rows).toEqual(['f51']);
    all.pop();
    await list.reload();
    expect(list.rows).toEqual(items(50));
    expect(list.index).toBe(0);
  });
});
