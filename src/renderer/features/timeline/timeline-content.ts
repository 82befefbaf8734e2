/**
 * What one account's timeline holds in a window, independent of drawing: the account's money movements
 * (by category), its findings, per-lane event counts — and the plain-text summary screen readers get
 * for the figure (the same numbers the bars show).
 */
import type { CorrelationFinding, MoneyMovement } from '../../../core/correlate/types';
import type { LoginSourceKind } from '../../../core/logins/types';
import { sortedSlice } from './time-buckets';
import { formatRangeInZone } from './time-ticks';
import type { TimeRange } from './time-range';
import { SOURCE_NAMES, eventCategory, type LaneWindow } from './timeline-events';

export type MovementCategory = 'withdrawal' | 'transfer' | 'loss';

export const MOVEMENT_NAMES: Readonly<Record<MovementCategory, readonly [string, string]>> = {
  withdrawal: ['withdrawal', 'withdrawals'],
  transfer: ['transfer out', 'transfers out'],
  loss: ['loss', 'losses'],
};

export function movementCategory(movement: Pick<MoneyMovement, 'kind'>): MovementCategory {
  return movement.kind === 'withdrawal' ? 'withdrawal' : movement.kind === 'transfer' ? 'transfer' : 'loss';
}

/** The account's movements (sorted by time, as the worker returns them) inside the window. */
export function movementsInRange(movements: readonly MoneyMovement[], range: TimeRange): readonly MoneyMovement[] {
  const { start, end } = sortedSlice((i) => movements[i]?.timestamp ?? 0, movements.length, range);
  return movements.slice(start, end);
}

/** Findings about this account: its movement or rows, or none at all (login-only findings concern every account). */
export function findingsForAccount(findings: readonly CorrelationFinding[], accountKey: string): CorrelationFinding[] {
  return findings.filter((f) => {
    if (f.movement !== null) return f.movement.chain.accountKey === accountKey;
    if (f.evidence.rowIds.length > 0) return f.evidence.rowIds.some((r) => r.accountKey === accountKey);
    return true;
  });
}

const plural = (n: number, [one, many]: readonly [string, string]): string => `${n} ${n === 1 ? one : many}`;

export function summarizeWindow(params: {
  readonly range: TimeRange;
  readonly movements: readonly MoneyMovement[];
  readonly lanes: readonly LaneWindow[];
  readonly findings: readonly CorrelationFinding[];
  /** The display zone the window is told in. */
  readonly zone: string;
}): string {
  const { range, movements, lanes, findings, zone } = params;
  const parts = [`${formatRangeInZone(range, zone)}.`];
  const byCategory = new Map<MovementCategory, number>();
  for (const m of movements) byCategory.set(movementCategory(m), (byCategory.get(movementCategory(m)) ?? 0) + 1);
  const movementParts = (['withdrawal', 'transfer', 'loss'] as const).filter((c) => byCategory.has(c)).map((c) => plural(byCategory.get(c) ?? 0, MOVEMENT_NAMES[c]));
  parts.push(movements.length === 0 ? 'No money movements.' : `Money movements: ${movementParts.join(', ')}.`);
  for (const lane of lanes) {
    const security = lane.events.filter((e) => eventCategory(e) === 'security').length;
    const failures = lane.complete ? lane.events.filter((e) => eventCategory(e) === 'failure').length : null;
    const extra = [failures ? plural(failures, ['failed', 'failed']) : null, security ? plural(security, ['security change', 'security changes']) : null].filter(Boolean);
    parts.push(`${SOURCE_NAMES[lane.source]}: ${plural(lane.times.length, ['login event', 'login events'])}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}.`);
  }
  const high = findings.filter((f) => f.severity === 'high').length;
  parts.push(findings.length === 0 ? 'No findings.' : `${plural(findings.length, ['finding', 'findings'])}${high > 0 ? `, ${high} high` : ''}.`);
  return parts.join(' ');
}

/** Lanes in the order shown, for the labels. */
export const laneLabel = (source: LoginSourceKind): string => SOURCE_NAMES[source];
