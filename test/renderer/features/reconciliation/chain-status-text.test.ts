import { describe, expect, it } from 'vitest';
import { chainKeyOf, type ChainStatus, type TieOut } from '../../../../src/core/recon/types';
import { allGreen, chainLabel, chainWords, checkedText, historyWords, tieOutWords } from '../../../../src/renderer/features/reconciliation/chain-status-text';

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

describe('what the last check read', () => {
  it('tells a full read, an incremental one and one with nothing new apart', () => {
    expect(checkedText(2177, 2177, 25.6)).toBe('Checked all 2,177 rows in 26 ms');
    expect(checkedText(12, 2177, 3)).toBe('Checked 12 new rows on top of the last check in 3 ms (2,177 rows in all)');
    expect(checkedText(1, 2177, 3)).toBe('Checked 1 new row on top of the last check in 3 ms (2,177 rows in all)');
    expect(checkedText(0, 2177, 2.2)).toBe('Nothing new since the last check (2,177 rows, carried forward; 2 ms)');
  });
});
