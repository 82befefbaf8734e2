/**
 * Signals about addresses: rows placed from an IP no login source ever showed, and an IP refused by
 * Cloudflare Access that logged in successfully elsewhere (or placed a row) around the same time.
 */
import type { CorrelationEvent } from './event-columns';
import { TimeSortedList, normalizeIp, type EventTimeline } from './event-timeline';
import { lowerBound, plainMovement, rowsBetween, type IpRowIndex } from './ip-row-index';
import { describeEvents, describeMovement, duration, utcTime } from './finding-wording';
import { NO_NAMES, type CorrelationFinding, type CorrelationOptions, type DisplayNames, type MoneyMovement, type RowRef } from './types';

/** Evidence lists stay readable: a bot can leave thousands of rows or denials from one address. */
const EVIDENCE_LIMIT = 100;

const rowRef = (row: MoneyMovement): RowRef => ({ accountKey: row.chain.accountKey, id: row.rowId });

function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Rows earlier than the oldest login event are not judged: the login sources' retention (Cloudflare keeps
 * 24 h to 180 days) says nothing about who was logging in back then.
 */
export function unknownIpFindings(timeline: EventTimeline, ipRows: IpRowIndex, names: DisplayNames = NO_NAMES): CorrelationFinding[] {
  if (timeline.earliest === null) return [];
  const since = timeline.earliest;
  const findings: CorrelationFinding[] = [];
  for (const group of ipRows.groups) {
    if (timeline.firstSeenIp.has(group.ip)) continue;
    // The group is in time order: its rows since the oldest event are a suffix.
    const start = lowerBound(group.timestamps, since);
    const count = group.count - start;
    if (count <= 0) continue;
    const first = plainMovement(group.rowAt(start));
    const last = group.rowAt(group.count - 1);
    const more = count > 1 ? ` ${count} rows in all, the last at ${utcTime(last.timestamp)}.` : '';
    const cited: RowRef[] = [];
    for (let i = start; i < group.count && cited.length < EVIDENCE_LIMIT; i++) cited.push(rowRef(group.rowAt(i)));
    findings.push({
      id: `unknown-ip-on-row|${group.accountKey}|${group.ip}`,
      signal: 'unknown-ip-on-row',
      severity: 'medium',
      reason:
        `${describeMovement(first, names)} was placed from IP ${first.ip ?? ''}, which appears in no login source ` +
        `(${timeline.firstSeenIp.size} known IPs since ${utcTime(since)}).${more}`,
      timestamp: first.timestamp,
      movement: first,
      evidence: { loginEventKeys: [], rowIds: cited },
    });
  }
  return findings;
}

/** Denials of one IP closer than the window to each other form one episode (one finding, not thousands). */
function episodes(denials: readonly CorrelationEvent[], gapMs: number): CorrelationEvent[][] {
  const result: CorrelationEvent[][] = [];
  let current: CorrelationEvent[] = [];
  for (const denial of denials) {
    const last = current[current.length - 1];
    if (last && denial.timestamp - last.timestamp > gapMs) {
      result.push(current);
      current = [];
    }
    current.push(denial);
  }
  if (current.length > 0) result.push(current);
  return result;
}

export function accessDeniedFindings(
  timeline: EventTimeline,
  ipRows: IpRowIndex,
  options: CorrelationOptions,
): CorrelationFinding[] {
  const denials = groupBy(timeline.sorted.filter((e) => e.kind === 'access-denied'), (e) => normalizeIp(e.ip));
  if (denials.size === 0) return [];
  const time = (item: { timestamp: number }): number => item.timestamp;
  // Only successes and rows from addresses that were denied somewhere matter here.
  const deniedIp = (ip: string | null): string | null => {
    const normalized = normalizeIp(ip);
    return normalized !== null && denials.has(normalized) ? normalized : null;
  };
  const successes = new Map(
    [...groupBy(timeline.sorted.filter((e) => e.kind === 'login-success'), (e) => deniedIp(e.ip))].map(
      ([ip, events]) => [ip, new TimeSortedList(events, time)] as const,
    ),
  );
  // Per account: each group is already in time order; a window's rows are merged only when asked for.
  const placedBetween = (ip: string, from: number, to: number): MoneyMovement[] => {
    const groups = ipRows.byIp.get(ip) ?? [];
    if (groups.length === 1) return groups[0] ? rowsBetween(groups[0], from, to) : [];
    return groups.flatMap((group) => rowsBetween(group, from, to)).sort((a, b) => a.timestamp - b.timestamp || a.rowId - b.rowId);
  };

  const findings: CorrelationFinding[] = [];
  for (const [ip, ipDenials] of denials) {
    for (const episode of episodes(ipDenials, options.windowMs)) {
      const first = episode[0] as CorrelationEvent;
      const from = first.timestamp - options.windowMs;
      const to = (episode[episode.length - 1] as CorrelationEvent).timestamp + options.windowMs;
      const deniedSources = new Set(episode.map((e) => e.source));
      const elsewhere = (successes.get(ip)?.between(from, to) ?? []).filter((e) => !deniedSources.has(e.source));
      const placed = placedBetween(ip, from, to);
      if (elsewhere.length === 0 && placed.length === 0) continue;
      const parts: string[] = [];
      if (elsewhere.length > 0) parts.push(`the same IP logged in successfully elsewhere: ${describeEvents(elsewhere, options.names)}`);
      const firstRow = placed[0] === undefined ? undefined : plainMovement(placed[0]);
      if (firstRow) parts.push(`${placed.length} transaction row(s) were placed from it, first: ${describeMovement(firstRow, options.names)}`);
      findings.push({
        id: `access-denied-same-ip|${first.key}`,
        signal: 'access-denied-same-ip',
        severity: 'medium',
        reason:
          `${episode.length} access denial(s) for IP ${first.ip ?? ip} (first ${utcTime(first.timestamp)}: ${describeEvents([first], options.names, 1)}), ` +
          `and within ${duration(options.windowMs)} ${parts.join('; and ')}. A refused address that got in elsewhere deserves a look.`,
        timestamp: first.timestamp,
        movement: firstRow ?? null,
        evidence: {
          loginEventKeys: [...episode.slice(0, EVIDENCE_LIMIT), ...elsewhere.slice(0, EVIDENCE_LIMIT)].map((e) => e.key),
          rowIds: placed.slice(0, EVIDENCE_LIMIT).map(rowRef),
        },
      });
    }
  }
  return findings;
}
