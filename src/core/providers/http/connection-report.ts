/** Pieces of the connectors' plain-words connection test. */
import type { ConnectionReport } from '../../logins/types';

/** `2026-05-01 12:00 UTC` */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function failedConnection(summary: string): ConnectionReport {
  return { ok: false, summary, newestEventAt: null, sampleCount: 0 };
}
