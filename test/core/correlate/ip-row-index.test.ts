/**
 * The worker's compact path gives exactly what the object path gives: ip rows gathered from the pages by an
 * IpRowCollector (no row object each) and movements picked page by page by movementSelector, against
 * selectMovements' arrays, over the planted and clean scenarios: the same findings (every field, reasons
 * and evidence included) and the same incidents.
 */
import { describe, expect, it } from 'vitest';
import { correlateIncidents } from '../../../src/core/correlate/correlate';
import { IpRowCollector, indexIpRows, rowsBetween } from '../../../src/core/correlate/ip-row-index';
import { byTimeThenRow, movementSelector, selectMovements } from '../../../src/core/correlate/select-movements';
import type { MoneyMovement } from '../../../src/core/correlate/types';
import { generateScenario } from '../../scenarios/correlation-scenario';
import { buildLedgerPages } from '../../scenarios/ledger-page-builder';

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

describe('ip rows indexed from the pages', () => {
  for (const [seed, planted] of [[1, true], [2, true], [101, false]] as const) {
    it(`scenario ${seed}: the same findings and incidents as from row objects`, () => {
      const scenario = generateScenario(seed, { planted });
      const options = { lossThresholds: scenario.lossThresholds, usernames: scenario.usernames };
      const objects = selectMovements(scenario.pages, options);

      const select = movementSelector(options);
      const collector = new IpRowCollector();
      const movements: MoneyMovement[] = [];
      for (const page of scenario.pages) {
        select(page, movements);
        collector.add(page, scenario.usernames.get(`${page.accountKey}|${page.userId}`) ?? null);
      }
      movements.sort(byTimeThenRow);
      expect(movements).toEqual(objects.movements);
      expect(collector.rows).toBe(objects.ipRows.length);

      const settings = { lossThresholds: scenario.lossThresholds };
      const expected = correlateIncidents(objects.movements, scenario.events, objects.ipRows, settings);
      const compact = correlateIncidents(movements, scenario.events, collector.seal(), settings);
      expect(expected.findings.some((f) => f.signal === 'unknown-ip-on-row')).toBe(planted);
      expect(plain(compact)).toEqual(plain(expected));
    });
  }

  it('a group reads its rows in (time, row id) order whatever the page order, and by time range', () => {
    const chain = { accountKey: 'acct', userId: 1, currency: 'BTC' };
    const T = Date.UTC(2026, 0, 1);
    const rows = [5, 1, 4, 2, 3].map((k) => ({ id: 100 - k, timestamp: T + (k % 3) * 1000, kind: 'trade-option', change: `-0.${k}`, ip: k % 2 === 0 ? '::FFFF:198.51.100.7' : '198.51.100.7' }));
    const pages = buildLedgerPages(chain, rows, { pageSize: 2 }).reverse();
    const collector = new IpRowCollector();
    for (const page of pages) collector.add(page, 'alice');
    const [group] = collector.seal().groups;
    const fromObjects = indexIpRows(selectMovements(pages, { usernames: new Map([['acct|1', 'alice']]) }).ipRows).groups[0];
    if (group === undefined || fromObjects === undefined) throw new Error('no group');
    expect(group.ip).toBe('198.51.100.7');
    const all = Array.from({ length: group.count }, (_, i) => group.rowAt(i));
    expect(all.map((r) => [r.timestamp - T, r.rowId, r.ip, r.change])).toEqual([
      [0, 97, '198.51.100.7', '-0.3'],
      [1000, 96, '::FFFF:198.51.100.7', '-0.4'],
      [1000, 99, '198.51.100.7', '-0.1'],
      [2000, 95, '198.51.100.7', '-0.5'],
      [2000, 98, '::FFFF:198.51.100.7', '-0.2'],
    ]);
    expect(all.map(plain)).toEqual(Array.from({ length: fromObjects.count }, (_, i) => plain(fromObjects.rowAt(i))));
    expect(rowsBetween(group, T + 1000, T + 1000).map((r) => r.rowId)).toEqual([96, 99]);
  });
});
