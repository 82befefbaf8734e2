import { describe, expect, it } from 'vitest';
import { downloadOfAccounts, type DiscoveredStream, type StreamRecord } from '../../../src/core/recon/account-download';

const CREATED = 1_000;
const H = 11_000;
const MAIN = 7;
const SUB = 27;

function tx(userId: number, currency: string, over: Partial<StreamRecord> = {}): StreamRecord {
  return {
    kind: 'tx', accountKey: 'acc', userId, username: userId === MAIN ? 'main' : `sub${userId}`, currency,
    phase: 'idle', watermark: H, windowStart: CREATED, windowEnd: H, oldestSeen: CREATED, creationTimestamp: CREATED, ...over,
  };
}
const access = (over: Partial<StreamRecord> = {}): StreamRecord => ({
  kind: 'access', accountKey: 'acc', userId: MAIN, username: 'main', currency: null,
  phase: 'idle', watermark: H, windowStart: 0, windowEnd: H, oldestSeen: null, creationTimestamp: null, ...over,
});
const discovered = (userId: number, currency: string): DiscoveredStream => ({ accountKey: 'acc', userId, username: `sub${userId}`, currency });

/** chainKey → "complete" or "<percent>%" for compact tables. */
function summary(streams: readonly StreamRecord[], found: readonly DiscoveredStream[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, c] of downloadOfAccounts(streams, found).chains) out[key] = c.download.complete ? 'complete' : `${c.download.percentDone}%`;
  return out;
}

describe('downloadOfAccounts', () => {
  const cases: [string, StreamRecord[], DiscoveredStream[], Record<string, string>][] = [
    ['every stream complete at the same sync', [access(), tx(MAIN, 'BTC'), tx(MAIN, 'ETH'), tx(SUB, 'BTC'), tx(SUB, 'ETH')], [], {
      'acc|7|BTC': 'complete', 'acc|7|ETH': 'complete', 'acc|27|BTC': 'complete', 'acc|27|ETH': 'complete',
    }],
    ['a first sync cancelled in sub BTC: sub ETH has no cursor yet, so it is not downloaded', [
      access(), tx(MAIN, 'BTC'), tx(MAIN, 'ETH'), tx(SUB, 'BTC', { phase: 'backfill', watermark: null, oldestSeen: 6_000 }),
    ], [], { 'acc|7|BTC': 'complete', 'acc|7|ETH': 'complete', 'acc|27|BTC': '50%', 'acc|27|ETH': '0%' }],
    ['a later sync cancelled: streams it did not reach are behind it', [
      access(), tx(MAIN, 'BTC', { watermark: 12_000, windowEnd: 12_000 }), tx(MAIN, 'ETH'), tx(SUB, 'BTC'), tx(SUB, 'ETH'),
    ], [], { 'acc|7|BTC': 'complete', 'acc|7|ETH': '90%', 'acc|27|BTC': '90%', 'acc|27|ETH': '90%' }],
    ['streams the sync discovered but never reached (no cursor, not even a user of theirs)', [access(), tx(MAIN, 'BTC')],
      [discovered(MAIN, 'BTC'), discovered(MAIN, 'ETH'), discovered(SUB, 'BTC'), discovered(SUB, 'ETH')],
      { 'acc|7|BTC': 'complete', 'acc|7|ETH': '0%', 'acc|27|BTC': '0%', 'acc|27|ETH': '0%' }],
    ['a cancel during the access log only: the transaction streams are as complete as before', [access({ phase: 'backfill', windowEnd: 12_000 }), tx(MAIN, 'BTC')], [], {
      'acc|7|BTC': 'complete',
    }],
  ];
  it.each(cases)('%s', (_name, streams, found, expected) => {
    expect(summary(streams, found)).toEqual(expected);
  });

  it('names the missing time of a stream without a cursor from its user\'s creation to the account\'s newest sync', () => {
    const d = downloadOfAccounts([tx(MAIN, 'BTC'), tx(SUB, 'BTC'), tx(MAIN, 'ETH')]).chains.get('acc|27|ETH');
    expect(d).toEqual({ chain: { accountKey: 'acc', userId: SUB, currency: 'ETH' }, username: `sub${SUB}`, download: { complete: false, missing: [{ from: CREATED, to: H }], percentDone: 0 } });
  });

  it('says which access logs are not fully downloaded', () => {
    const other = (over: Partial<StreamRecord>): StreamRecord => ({ ...access(over), accountKey: 'b' });
    expect(downloadOfAccounts([access(), other({})]).accessIncomplete).toEqual([]);
    expect(downloadOfAccounts([access({ phase: 'backfill' }), other({ watermark: null })]).accessIncomplete).toEqual(['acc', 'b']);
  });

  it('keeps accounts apart: one account\'s newer sync does not make another one behind', () => {
    const b = tx(MAIN, 'BTC', { accountKey: 'b', watermark: 20_000, windowEnd: 20_000 });
    expect([...downloadOfAccounts([tx(MAIN, 'BTC'), b]).chains.values()].every((c) => c.download.complete)).toBe(true);
  });
});
