import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, nextCursor, startCursor, type LoginCursor } from '../../../../src/core/providers/ingedata/login-page-cursor';

const at = (page: number, max: number): LoginCursor => ({ v: 1, page, filter: true, max });

describe('nextCursor', () => {
  it.each([
    ['empty page', at(3, 100), { length: 0, requestedSize: 100, reachedOlder: false, total: null }, null],
    ['older than the window', at(1, 0), { length: 100, requestedSize: 100, reachedOlder: true, total: null }, null],
    ['count reached', at(3, 100), { length: 100, requestedSize: 100, reachedOlder: false, total: 300 }, null],
    ['count not reached', at(3, 100), { length: 100, requestedSize: 100, reachedOlder: false, total: 301 }, at(4, 100)],
    ['short first page, no count: could be a cap', at(1, 0), { length: 40, requestedSize: 100, reachedOlder: false, total: null }, at(2, 40)],
    ['short first page, count says more: a cap', at(1, 0), { length: 40, requestedSize: 100, reachedOlder: false, total: 90 }, at(2, 40)],
    ['capped pages continue', at(2, 40), { length: 40, requestedSize: 100, reachedOlder: false, total: null }, at(3, 40)],
    ['shorter than the cap: end', at(3, 40), { length: 10, requestedSize: 100, reachedOlder: false, total: null }, null],
    ['capped, count reached', at(3, 40), { length: 10, requestedSize: 100, reachedOlder: false, total: 90 }, null],
  ])('%s', (_name, cursor, facts, expected) => {
    expect(nextCursor(cursor, facts)).toEqual(expected);
  });
});

describe('cursor text', () => {
  it('round-trips, and restarts the window on anything unreadable', () => {
    expect(decodeCursor(encodeCursor(at(7, 100)), false)).toEqual(at(7, 100));
    expect(decodeCursor(null, false)).toEqual(startCursor(false));
    expect(decodeCursor('{"v":1,"page":0,"filter":true,"max":0}', true)).toEqual(startCursor(true));
    expect(decodeCursor('not json', true)).toEqual(startCursor(true));
  });
});
