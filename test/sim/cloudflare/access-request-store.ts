/**
 * The simulator's records, kept oldest first (ties in insertion order), and the documented query:
 * since/until, direction, email filters, limit, page/per_page — with the undocumented parts (bounds
 * inclusive or not, silent per_page cap, what `limit` means, retention) taken from the options.
 */
import type { AccessRequestFields, TruthRecord } from './sim-types';
import { compareSimTime, parseSimTime, type SimTime } from './sim-time';

interface StoredRecord {
  readonly seq: number;
  readonly time: SimTime;
  readonly fields: AccessRequestFields;
  readonly json: string;
}

export interface StoreBehaviour {
  readonly defaultPerPage: number;
  readonly maxPerPage: number;
  readonly limitMode: 'total-cap' | 'ignored';
  readonly sinceInclusive: boolean;
  readonly untilInclusive: boolean;
  readonly ignoreDirection: boolean;
  readonly includeCountry: boolean;
  readonly retentionMs: number;
}

export class QueryError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_ORDER = ['action', 'allowed', 'app_domain', 'app_uid', 'connection', 'created_at', 'ip_address', 'ray_id', 'user_email'] as const;

export class AccessRequestStore {
  private records: StoredRecord[] = [];
  private seq = 0;

  constructor(private readonly behaviour: StoreBehaviour) {}

  /** Adds records; those without a readable created_at sort at the time of the record before them. */
  add(fields: readonly AccessRequestFields[]): void {
    for (const f of fields) {
      const parsed = f.created_at === undefined ? null : parseSimTime(f.created_at);
      const time = parsed ?? this.records[this.records.length - 1]?.time ?? { ms: 0, nanos: 0 };
      this.records.push({ seq: this.seq++, time, fields: f, json: this.render(f) });
    }
    this.records.sort((a, b) => compareSimTime(a.time, b.time) || a.seq - b.seq);
  }

  private render(f: AccessRequestFields): string {
    const ordered: Record<string, unknown> = {};
    for (const key of FIELD_ORDER) if (f[key] !== undefined) ordered[key] = f[key];
    if (this.behaviour.includeCountry && f.country !== undefined) ordered.country = f.country;
    return JSON.stringify(ordered);
  }

  truth(now: number, all: boolean): TruthRecord[] {
    return this.visible(now, all).map((r) => ({ json: r.json, createdAt: r.fields.created_at ?? null, ms: r.time.ms, rayId: r.fields.ray_id ?? null }));
  }

  private visible(now: number, all: boolean): StoredRecord[] {
    if (all) return this.records;
    const cutoff = now - this.behaviour.retentionMs;
    return this.records.filter((r) => r.time.ms >= cutoff);
  }

  /** The JSON texts of one page for these query parameters. */
  query(params: Readonly<Record<string, string>>, now: number): string[] {
    const b = this.behaviour;
    const since = optionalTime(params, 'since');
    const until = optionalTime(params, 'until');
    const direction = params.direction ?? 'desc';
    if (direction !== 'asc' && direction !== 'desc') throw new QueryError(10001, `direction must be "asc" or "desc"`);
    const perPage = Math.min(positiveInt(params, 'per_page') ?? b.defaultPerPage, b.maxPerPage);
    const page = positiveInt(params, 'page') ?? 1;
    const limit = positiveInt(params, 'limit');

    let rows = this.visible(now, false).filter((r) => {
      if (since) {
        const c = compareSimTime(r.time, since);
        if (c < 0 || (c === 0 && !b.sinceInclusive)) return false;
      }
      if (until) {
        const c = compareSimTime(r.time, until);
        if (c > 0 || (c === 0 && !b.untilInclusive)) return false;
      }
      return matchesEmail(r.fields.user_email, params);
    });
    if (direction === 'desc' || b.ignoreDirection) rows = [...rows].reverse();
    if (limit !== null && b.limitMode === 'total-cap') rows = rows.slice(0, limit);
    return rows.slice((page - 1) * perPage, page * perPage).map((r) => r.json);
  }
}

function optionalTime(params: Readonly<Record<string, string>>, name: string): SimTime | null {
  const text = params[name];
  if (text === undefined) return null;
  const t = parseSimTime(text);
  if (!t) throw new QueryError(10001, `${name} must be an RFC 3339 date-time`);
  return t;
}

function positiveInt(params: Readonly<Record<string, string>>, name: string): number | null {
  const text = params[name];
  if (text === undefined) return null;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new QueryError(10001, `${name} must be a positive integer`);
  return Number(text);
}

/** `email` with `email_exact` (wins) or `emailOp` eq|neq|contains; default substring match. */
function matchesEmail(email: string | undefined, params: Readonly<Record<string, string>>): boolean {
  const wanted = params.email;
  if (wanted === undefined) return true;
  const exact = params.email_exact === 'true' || params.emailOp === 'eq';
  const hit = email !== undefined && (exact ? email === wanted : email.includes(wanted));
  return params.emailOp === 'neq' ? !hit : hit;
}
