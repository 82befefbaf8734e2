/**
 * The AuditLog request as ASP.NET would bind it (System.Text.Json, DateTime properties) and the query
 * over the records: time bounds (inclusivity per option, compared at 100 ns precision), eventType and
 * userId filters, then the undocumented order and hidden cap.
 */
import { SeededRandom } from '../deribit/seeded-random';
import { EVENT_NAMES } from './audit-dataset';
import type { SimAuditRecord } from './sim-types';

/** A bound: epoch ms and 100 ns ticks within it. */
export interface Instant {
  readonly ms: number;
  readonly subTicks: number;
}

export interface AuditQuery {
  readonly from: Instant;
  readonly to: Instant;
  readonly eventType: number | null;
  readonly userId: string | null;
}

export type ValidationErrors = Record<string, string[]>;

export type BindResult = { readonly ok: true; readonly query: AuditQuery } | { readonly ok: false; readonly errors: ValidationErrors };

/** DateTime.MinValue: what a non-nullable DateTime is when the property is absent. */
const MIN_INSTANT: Instant = { ms: -62_135_596_800_000, subTicks: 0 };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export function parseInstant(text: string): Instant | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const parts = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const fraction = (m[7] ?? '').padEnd(7, '0');
  const zone = m[8];
  const offsetMin = zone === undefined || zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, Number(fraction.slice(0, 3)));
  return { ms: date.getTime() - offsetMin * 60_000, subTicks: Number(fraction.slice(3)) };
}

function conversionError(path: string, type: string): string {
  return `The JSON value could not be converted to ${type}. Path: ${path} | LineNumber: 0 | BytePositionInLine: 0.`;
}

/** Binds the JSON body; the error shapes are ASP.NET's ValidationProblemDetails `errors`. */
export function bindAuditRequest(bodyText: string): BindResult {
  if (bodyText.trim() === '') return { ok: false, errors: { '': ['A non-empty request body is required.'] } };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ok: false, errors: { $: [`'${bodyText.trim().charAt(0)}' is an invalid start of a value. Path: $ | LineNumber: 0 | BytePositionInLine: 0.`], request: ['The request field is required.'] } };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { $: [conversionError('$', 'NLPearl.API.Models.AuditLogAPIRequest')], request: ['The request field is required.'] } };
  }
  const b = body as Record<string, unknown>;
  const errors: ValidationErrors = {};
  const instant = (key: 'from' | 'to'): Instant => {
    const v = b[key];
    if (v === undefined) return MIN_INSTANT;
    const parsed = typeof v === 'string' ? parseInstant(v) : null;
    if (parsed === null) errors[`$.${key}`] = [conversionError(`$.${key}`, 'System.DateTime')];
    return parsed ?? MIN_INSTANT;
  };
  const from = instant('from');
  const to = instant('to');
  let eventType: number | null = null;
  if (b.eventType !== undefined && b.eventType !== null) {
    const byName = typeof b.eventType === 'string' ? Object.entries(EVENT_NAMES).find(([, n]) => n === b.eventType)?.[0] : undefined;
    const code = typeof b.eventType === 'number' && Number.isInteger(b.eventType) ? b.eventType : byName === undefined ? null : Number(byName);
    if (code === null) errors['$.eventType'] = [conversionError('$.eventType', 'NLPearl.Common.Enums.eAuditLogEvent')];
    eventType = code;
  }
  let userId: string | null = null;
  if (b.userId !== undefined && b.userId !== null) {
    if (typeof b.userId === 'string') userId = b.userId;
    else errors['$.userId'] = [conversionError('$.userId', 'System.String')];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors: { ...errors, request: ['The request field is required.'] } };
  return { ok: true, query: { from, to, eventType, userId } };
}

function compare(a: Instant, b: Instant): number {
  return a.ms - b.ms || a.subTicks - b.subTicks;
}

export interface QueryOptions {
  readonly fromInclusive: boolean;
  readonly toInclusive: boolean;
  readonly order: 'ascending' | 'descending' | 'unordered';
  readonly cap: number | null;
  /** Seeds the 'unordered' shuffle so one request always gets one answer. */
  readonly shuffleSeed: number;
}

/** `records` ascending by time. Returns the answer (ordered, capped) and how many matched before the cap. */
export function runAuditQuery(records: readonly SimAuditRecord[], query: AuditQuery, options: QueryOptions): { answer: SimAuditRecord[]; matched: number } {
  const matched = records.filter((r) => {
    const at: Instant = { ms: r.timestampMs, subTicks: r.subTicks };
    const afterFrom = options.fromInclusive ? compare(at, query.from) >= 0 : compare(at, query.from) > 0;
    const beforeTo = options.toInclusive ? compare(at, query.to) <= 0 : compare(at, query.to) < 0;
    return afterFrom && beforeTo && (query.eventType === null || r.eventType === query.eventType) && (query.userId === null || r.userId === query.userId);
  });
  let ordered = matched;
  if (options.order === 'descending') ordered = [...matched].reverse();
  else if (options.order === 'unordered') {
    const random = new SeededRandom(options.shuffleSeed);
    ordered = [...matched];
    for (let i = ordered.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [ordered[i], ordered[j]] = [ordered[j] as SimAuditRecord, ordered[i] as SimAuditRecord];
    }
  }
  const answer = options.cap === null ? ordered : ordered.slice(0, options.cap);
  return { answer, matched: matched.length };
}

/** Days between two bounds (for the optional range limit). */
export function rangeDays(query: AuditQuery): number {
  return (query.to.ms - query.from.ms) / 86_400_000;
}
