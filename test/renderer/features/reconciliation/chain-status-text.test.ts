import { describe, expect, it } from 'vitest';
import { chainKeyOf, type ChainStatus, type TieOut } from '../../../../src/core/recon/types';
import {
  allGreen,
  chainLabel,
  chainWords,
  checkedText,
  historyWords,
  missingText,
  tieOutTimes,
  tieOutWords,
  verdictText,
} from '../../../../src/renderer/features/reconciliation/chain-status-text';

const chain = { accountKey: 'acc', userId: 12, currency: 'BTC' };
const status = (over: Partial<ChainStatus> = {}): ChainStatus => ({
  chain, rows: 10, firstTimestamp: 1, lastTimestamp: 2, newestBalance: '1.5', breaks: 0, gaps: 0, complete: true, tieOut: null, ...over,
});
const tie = (over: Partial<TieOut> = {}): TieOut => ({ liveBalance: '1.5', liveAt: 0, cachedBalance: '1.5', cachedAt: 0, difference: '0', tiesOut: true, ...over });

describe('chain status words', () => {
  it('names breaks, gaps and incomplete history plainly', () => {
    expect(chainWords(status())).toEqual({ text: 'Chain intact', tone: 'ok' });
    expect(chainWords(status({ breaks: 1 })).text).toBe('1 break');
    expect(chainWords(status({ breaks: 3 })).text).toBe('3 breaks');
    expect(historyWords(status())).toEqual({ text: 'Complete', tone: 'ok' });
    expect(historyWords(status({ complete: false })).text).toBe('History incomplete');
    expect(historyWords(status({ gaps: 2, complete: false })).text).toBe('Gapped (2 gaps)');
  });

  it('tie-out: not checked, tied out, or off by the exact difference', () => {
    expect(tieOutWords(null).text).toBe('Not checked');
    // Times in the zone chosen in Settings, the zone named once, no ISO "T…Z".
    expect(tieOutTimes(tie({ liveAt: Date.UTC(2026, 2, 1, 12, 0, 5, 123), cachedAt: Date.UTC(2026, 1, 28, 23, 10) }), 'Europe/Berlin')).toBe(
      'live 1.5 at 2026-03-01 13:00:05 · newest cached row 2026-03-01 00:10:00 (Europe/Berlin)',
    );
    expect(tieOutTimes(tie({ liveAt: Date.UTC(2026, 2, 1, 12), cachedAt: null }), 'UTC')).toBe('live 1.5 at 2026-03-01 12:00:00 · no cached row (UTC)');
    expect(tieOutWords(tie()).text).toBe('Tied out');
    expect(tieOutWords(tie({ tiesOut: false, difference: '-0.00000001' }))).toEqual({ text: 'Off by -0.00000001', tone: 'bad' });
  });

  it('all green needs every chain intact, complete and tied out where checked', () => {
    expect(allGreen([status()], {}, chainKeyOf)).toBe(true);
    expect(allGreen([status()], { [chainKeyOf(chain)]: tie({ tiesOut: false }) }, chainKeyOf)).toBe(false);
    expect(allGreen([status(), status({ breaks: 1 })], {}, chainKeyOf)).toBe(false);
    expect(allGreen([status({ complete: false })], {}, chainKeyOf)).toBe(false);
  });

  it('labels a chain with the username when known', () => {
    expect(chainLabel(chain, () => 'Sub1', null)).toBe('Sub1 (12) · BTC');
    expect(chainLabel(chain, () => null, (k) => k.toUpperCase())).toBe('ACC · user 12 · BTC');
  });
});

describe('a chain not fully downloaded', () => {
  const pending = (percentDone: number, ranges: [number, number][] = [[Date.UTC(2025, 0, 1), Date.UTC(2025, 5, 1)]]) =>
    status({ complete: false, download: { complete: false, missing: ranges.map(([from, to]) => ({ from, to })), percentDone } });

  it('says how far the download got instead of a break, a gap or "history incomplete"', () => {
    expect(historyWords(pending(42))).toEqual({ text: 'Not fully downloaded (sync 42 % done) — sync to finish', tone: 'warn' });
    // Whatever the counts say, nothing is claimed about its chain until it is downloaded.
    expect(historyWords({ ...pending(7), gaps: 169 }).text).toBe('Not fully downloaded (sync 7 % done) — sync to finish');
    expect(chainWords({ ...pending(7), breaks: 2 })).toEqual({ text: 'Not checked yet', tone: 'none' });
    expect(historyWords(status({ download: { complete: true, missing: [], percentDone: 100 } })).text).toBe('Complete');
    expect(allGreen([status(), pending(99)], {}, chainKeyOf)).toBe(false);
  });

  it('names the time not downloaded yet', () => {
    expect(missingText(status(), 'UTC')).toBeNull();
    expect(missingText(pending(42), 'UTC')).toBe('not downloaded (UTC): 2025-01-01 00:00:00 – 2025-06-01 00:00:00');
    expect(missingText({ ...pending(0), rows: 0 }, 'UTC')).toBe('nothing downloaded yet');
    expect(missingText(pending(10, [[0, 1000], [2000, 3000], [4000, 5000]]), 'UTC')).toBe(
      'not downloaded (UTC): 1970-01-01 00:00:00 – 1970-01-01 00:00:01 and 1970-01-01 00:00:02 – 1970-01-01 00:00:03 and 1 more',
    );
    // In the zone chosen in Settings, named once.
    expect(missingText(pending(42), 'Asia/Tokyo')).toBe('not downloaded (Asia/Tokyo): 2025-01-01 09:00:00 – 2025-06-01 09:00:00');
  });
});

describe('the verdict', () => {
  const done = status();
  const pending = status({ complete: false, download: { complete: false, missing: [{ from: 0, to: 1 }], percentDone: 30 } });
  const cases: [string, Parameters<typeof verdictText>, string][] = [
    ['all green', [[done, done], 0, true, 0], 'All 2 chains reconcile: every balance follows from the one before, no gaps.'],
    ['findings', [[done, done], 3, false, 0], '3 findings need attention across 2 chains.'],
    ['one finding', [[done], 1, false, 0], '1 finding needs attention across 1 chain.'],
    ['chains still downloading', [[done, pending, pending], 0, false, 0], '2 of 3 chains are not fully downloaded — sync to finish; findings wait until then.'],
    ['one chain still downloading', [[done, pending], 0, false, 0], '1 of 2 chains is not fully downloaded — sync to finish; findings wait until then.'],
    ['still downloading, with a real finding in what is there', [[done, pending], 1, false, 0],
      '1 of 2 chains is not fully downloaded — sync to finish; findings wait until then. Meanwhile 1 finding needs attention in what is downloaded.'],
    ['the access log too', [[done, pending], 0, false, 1],
      '1 of 2 chains is not fully downloaded — sync to finish; findings wait until then. The access log is not fully downloaded either.'],
    ['only the access log', [[done], 0, true, 1], 'All 1 chains reconcile: every balance follows from the one before, no gaps. The access log is not fully downloaded yet — sync to finish.'],
  ];
  it.each(cases)('%s', (_name, args, expected) => {
    expect(verdictText(...args)).toBe(expected);
  });
});

describe('what the last check read', () => {
  it('tells a full read, an incremental one and one with nothing new apart', () => {
    expect(checkedText(2177, 2177, 25.6)).toBe('Checked all 2,177 rows in 26 ms');
    expect(checkedText(12, 2177, 3)).toBe('Checked 12 new rows on top of the last check in 3 ms (2,177 rows in all)');
    expect(checkedText(1, 2177, 3)).toBe('Checked 1 new row on top of the last check in 3 ms (2,177 rows in all)');
    expect(checkedText(0, 2177, 2.2)).toBe('Nothing new since the last check (2,177 rows, carried forward; 2 ms)');
  });
});
