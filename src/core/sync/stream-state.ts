/** Stream keys and the state a stream starts from. */
import type { StreamKind, StreamState } from './types';

export function transactionStreamKey(accountKey: string, userId: number, currency: string): string {
  return `tx|${accountKey}|${userId}|${currency}`;
}

export function accessStreamKey(accountKey: string): string {
  return `access|${accountKey}`;
}

export function newStreamState(fields: {
  kind: StreamKind;
  accountKey: string;
  userId: number;
  username: string;
  currency: string | null;
}): StreamState {
  return {
    streamKey:
      fields.kind === 'tx'
        ? transactionStreamKey(fields.accountKey, fields.userId, fields.currency ?? '')
        : accessStreamKey(fields.accountKey),
    ...fields,
    phase: 'idle',
    windowStart: 0,
    windowEnd: 0,
    continuation: null,
    offset: 0,
    stopAtId: null,
    watermark: null,
    oldestSeen: null,
    creationTimestamp: null,
    rowsStored: 0,
    pagesFetched: 0,
    lastSyncedAt: null,
    lastError: null,
  };
}

/**
 * Whether the stream still has a window (or access-log pass) to walk in a run that started at
 * `runStartedAt` (server time): it is idle and not yet complete up to that moment.
 */
export function needsNewWindow(state: StreamState, runStartedAt: number): boolean {
  return state.phase === 'idle' && (state.watermark === null || state.watermark < runStartedAt);
}
