/**
 * How much a first visit to a country weighs before money leaves. A first visit alone is ordinary (people
 * travel); it becomes a medium signal only when the money moves soon after it, or from the very address
 * that visit used. Otherwise it stays on record as low.
 */
import type { CorrelationSeverity, MoneyMovement } from '../types';

/** "Soon after": within this of the first login from the new country. */
export const FIRST_VISIT_SOON_MS = 6 * 3_600_000;

interface FirstVisit {
  readonly success: { readonly timestamp: number; readonly ip: string | null };
}

const sameIp = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

export function firstVisitSeverity(visits: readonly FirstVisit[], movement: MoneyMovement): CorrelationSeverity {
  const soon = visits.some((v) => movement.timestamp - v.success.timestamp <= FIRST_VISIT_SOON_MS || sameIp(v.success.ip, movement.ip));
  return soon ? 'medium' : 'low';
}
