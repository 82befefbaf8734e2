import { describe, expect, it } from 'vitest';
import { advanceWalk, decodeCursor, encodeCursor, initialCursor } from '../../../../src/core/providers/cloudflare/time-window-walk';
import { ProviderError } from '../../../../src/core/providers/deribit/errors';

const t0 = Date.UTC(2026, 0, 1);
const at = (ms: number, extra = ''): string => `${new Date(t0 + ms).toISOString().slice(0, 23)}${extra}Z`;
const rec = (ms: number, ray: string | null, extra = ''): Record<string, unknown> =>
  ray === null ? { action: 'login', created_at: at(ms, extra) } : { action: 'login', created_at: at(ms, extra), ray_id: ray };

describe('advanceWalk', () => {
  it('moves since to the newest time − 1 ms and remembers the boundary millisecond', () => {
    const step = advanceWalk(initialCursor(t0), [rec(5, 'a'), rec(9, 'b'), rec(10, 'c', '5'), rec(10, 'd', '7')]);
    expect(step.fresh.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(step.next).toEqual({ v: 1, since: t0 + 9, page: 1, seen: ['b', 'c', 'd'], counts: {}, maxLen: 4 });
  });

  it('drops re-read records, and ends on a page shorter than one the server already gave', () => {
    const cursor = { v: 1 as const, since: t0 + 9, page: 1, seen: ['b', 'c', 'd'], counts: {}, maxLen: 4 };
    const step = advanceWalk(cursor, [rec(9, 'b'), rec(10, 'c'), rec(10, 'd')]);
    expect(step.fresh).toEqual([]);
    expect(step.next).toBeNull();
  });

  it('does not take a short first page for the last one (the server may cap per_page silently)', () => {
    const step = advanceWalk(initialCursor(t0), [rec(1, 'a'), rec(2, 'b')]);
    expect(step.next?.since).toBe(t0 + 1);
    expect(advanceWalk(initialCursor(t0), []).next).toBeNull();
  });

  it('pages through a millisecond holding more than a page, then moves on', () => {
    const first = advanceWalk(initialCursor(t0 + 10), [rec(10, 'a', '1'), rec(10, 'b', '2'), rec(10, 'c', '3')]);
    expect(first.next).toMatchObject({ since: t0 + 9, page: 2, seen: ['a', 'b', 'c'], maxLen: 3 });
    const second = advanceWalk(first.next ?? initialCursor(0), [rec(10, 'd', '4'), rec(10, 'e', '5'), rec(12, 'f')]);
    expect(second.fresh.map((r) => r.id)).toEqual(['d', 'e', 'f']);
    // Earlier pages of that millisecond are carried, this page's records at/after the new since added.
    expect(second.next).toMatchObject({ since: t0 + 11, page: 1, seen: ['a', 'b', 'c', 'f'] });
  });

  it('numbers identical id-less records by position, across pages of the same since query', () => {
    const twin = rec(10, null);
    const first = advanceWalk(initialCursor(t0 + 10), [twin, twin]);
    const [a, b] = first.fresh.map((r) => r.id);
    expect(a?.endsWith('#0')).toBe(true);
    expect(b?.endsWith('#1')).toBe(true);
    const second = advanceWalk(first.next ?? initialCursor(0), [twin, rec(30, 'z')]);
    expect(second.fresh.map((r) => r.id)).toEqual([a?.replace('#0', '#2'), 'z']);
    // Re-reading from a later since sees all three twins again: same ids, all dropped.
    const again = advanceWalk({ v: 1, since: t0 + 9, page: 1, seen: [a ?? '', b ?? '', a?.replace('#0', '#2') ?? ''], counts: {}, maxLen: 2 }, [twin, twin, twin]);
    expect(again.fresh).toEqual([]);
  });

  it('refuses records that are not oldest first and created_at that is not RFC 3339', () => {
    expect(() => advanceWalk(initialCursor(t0), [rec(5, 'a'), rec(4, 'b')])).toThrow(ProviderError);
    expect(() => advanceWalk(initialCursor(t0), [{ created_at: 'Mon, 1 Jan 2026' }])).toThrow(/RFC 3339/);
  });
});

describe('cursor text', () => {
  it('round-trips, and restarts the window on anything it did not write', () => {
    const c = { v: 1 as const, since: 5, page: 2, seen: ['x'], counts: { d: 1 }, maxLen: 7 };
    expect(decodeCursor(encodeCursor(c), 0)).toEqual(c);
    expect(decodeCursor(null, 100)).toEqual(initialCursor(100));
    expect(decodeCursor('{"v":2}', 100)).toEqual(initialCursor(100));
    expect(decodeCursor('not json', 100)).toEqual(initialCursor(100));
  });
});
