import { describe, expect, it } from 'vitest';
import { AccessRequestStore, QueryError, type StoreBehaviour } from './access-request-store';
import type { AccessRequestFields } from './sim-types';

const base: StoreBehaviour = {
  defaultPerPage: 25,
  maxPerPage: 1000,
  limitMode: 'total-cap',
  sinceInclusive: true,
  untilInclusive: true,
  ignoreDirection: false,
  includeCountry: false,
  retentionMs: 1e15,
};

function rec(createdAt: string, ray: string, email = 'a@x.example'): AccessRequestFields {
  return { action: 'login', allowed: true, created_at: createdAt, ray_id: ray, user_email: email, country: 'CH' };
}

function rays(rows: string[]): string[] {
  return rows.map((r) => (JSON.parse(r) as { ray_id: string }).ray_id);
}

function storeWith(behaviour: Partial<StoreBehaviour>, records: AccessRequestFields[]): AccessRequestStore {
  const s = new AccessRequestStore({ ...base, ...behaviour });
  s.add(records);
  return s;
}

const four = [
  rec('2026-01-01T00:00:00.0001Z', 'b'),
  rec('2026-01-01T00:00:00Z', 'a'),
  rec('2026-01-01T00:00:00.000100000Z', 'c'), // same instant as b, written with more digits
  rec('2026-01-01T01:00:00+01:00', 'd'), // = 00:00:00Z, written with an offset
];

describe('AccessRequestStore', () => {
  it('orders by exact time (any fraction digits, offsets), ties in insertion order; desc by default', () => {
    const s = storeWith({}, four);
    expect(rays(s.query({ direction: 'asc' }, 0))).toEqual(['a', 'd', 'b', 'c']);
    expect(rays(s.query({}, 0))).toEqual(['c', 'b', 'd', 'a']);
  });

  it('compares since/until at nanosecond precision, inclusive or exclusive by option', () => {
    const q = { direction: 'asc', since: '2026-01-01T00:00:00.0001Z' };
    expect(rays(storeWith({}, four).query(q, 0))).toEqual(['b', 'c']);
    expect(rays(storeWith({ sinceInclusive: false }, four).query(q, 0))).toEqual([]);
    const u = { direction: 'asc', until: '2026-01-01T00:00:00.000099999Z' };
    expect(rays(storeWith({}, four).query(u, 0))).toEqual(['a', 'd']);
    const ux = { direction: 'asc', until: '2026-01-01T00:00:00Z' };
    expect(rays(storeWith({ untilInclusive: false }, four).query(ux, 0))).toEqual([]);
  });

  it('pages with page/per_page, caps per_page silently, and applies limit to the whole result', () => {
    const many = Array.from({ length: 30 }, (_, i) => rec(`2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, `r${i}`));
    const s = storeWith({ maxPerPage: 7 }, many);
    expect(rays(s.query({ direction: 'asc' }, 0))).toHaveLength(7); // default 25, capped at 7
    expect(rays(s.query({ direction: 'asc', per_page: '100', page: '2' }, 0))).toEqual(['r7', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13']);
    expect(rays(s.query({ direction: 'asc', per_page: '5', page: '2', limit: '8' }, 0))).toEqual(['r5', 'r6', 'r7']);
    const ignored = storeWith({ limitMode: 'ignored' }, many);
    expect(rays(ignored.query({ direction: 'asc', per_page: '5', page: '2', limit: '8' }, 0))).toHaveLength(5);
    expect(rays(storeWith({}, many).query({}, 0))).toHaveLength(25);
  });

  it('leaves out records older than the retention, silently', () => {
    const s = storeWith({ retentionMs: 3_600_000 }, four);
    const afterTwoHours = Date.UTC(2026, 0, 1, 2);
    expect(s.query({}, afterTwoHours)).toEqual([]);
    expect(s.truth(afterTwoHours, false)).toEqual([]);
    expect(s.truth(afterTwoHours, true)).toHaveLength(4);
  });

  it('filters by email: substring by default, exact with email_exact or emailOp=eq, exclusion with neq', () => {
    const s = storeWith({}, [rec('2026-01-01T00:00:00Z', '1', 'ann@a.example'), rec('2026-01-01T00:00:01Z', '2', 'joann@a.example'), rec('2026-01-01T00:00:02Z', '3', 'ann@b.example')]);
    expect(rays(s.query({ direction: 'asc', email: 'ann@' }, 0))).toEqual(['1', '2', '3']);
    expect(rays(s.query({ direction: 'asc', email: 'ann@a.example', email_exact: 'true' }, 0))).toEqual(['1']);
    expect(rays(s.query({ direction: 'asc', email: 'ann@a.example', emailOp: 'eq' }, 0))).toEqual(['1']);
    expect(rays(s.query({ direction: 'asc', email: '@a.example', emailOp: 'neq' }, 0))).toEqual(['3']);
  });

  it('renders fields in the documented order, country only when asked, and rejects bad parameters', () => {
    expect(storeWith({}, [four[0] as AccessRequestFields]).query({}, 0)[0]).toBe(
      '{"action":"login","allowed":true,"created_at":"2026-01-01T00:00:00.0001Z","ray_id":"b","user_email":"a@x.example"}',
    );
    expect(storeWith({ includeCountry: true }, [four[0] as AccessRequestFields]).query({}, 0)[0]).toContain('"country":"CH"');
    const s = storeWith({}, four);
    expect(() => s.query({ since: 'yesterday' }, 0)).toThrow(QueryError);
    expect(() => s.query({ direction: 'up' }, 0)).toThrow(QueryError);
    expect(() => s.query({ per_page: '0' }, 0)).toThrow(QueryError);
  });
});
