/**
 * The demo's noise budget: the demo's own story — a planted takeover (2FA switched off in NLPearl three hours
 * before the newest withdrawal) among two years of ordinary activity with some travel, served by the demo's
 * Deribit and login simulators — must yield exactly one high incident, on the planted withdrawal, and at
 * most five other incidents, with the app's default correlation settings.
 */
import { describe, expect, it } from 'vitest';
import { correlateIncidents } from '../../src/core/correlate/correlate';
import { selectMovements } from '../../src/core/correlate/select-movements';
import { DEFAULT_CORRELATION_SETTINGS } from '../../src/renderer/features/findings/correlation-settings';
import { loadDemoStory } from './demo-story-data';

const HOUR = 3_600_000;

describe('the demo story', () => {
  it('is one high incident on the planted withdrawal and at most five others', async () => {
    const demo = await loadDemoStory();
    const lossThresholds = new Map(DEFAULT_CORRELATION_SETTINGS.lossThresholds);
    const accountUsers = new Map([[demo.accountKey, new Set([...demo.usernames.keys()].map((k) => Number(k.split('|')[1])))]]);
    const { movements, ipRows } = selectMovements(demo.pages, { lossThresholds, usernames: demo.usernames, accountUsers });
    const { findings, incidents, contextFindingIds } = correlateIncidents(movements, demo.events, ipRows, {
      lossThresholds,
      windowMs: DEFAULT_CORRELATION_SETTINGS.windowHours * HOUR,
    });
    const high = incidents.filter((i) => i.severity === 'high');
    const others = incidents.filter((i) => i.severity !== 'high');
    console.log(
      `demo story: ${demo.events.length} login events, ${movements.length} money movements, ${findings.length} findings ` +
        `(${contextFindingIds.length} context only), ${incidents.length} incidents (${high.length} high): ` +
        incidents.map((i) => `${i.severity} ${i.headline}`).join(' | '),
    );
    expect(high.map((i) => i.movements.map((m) => m.rowId))).toEqual([[demo.targetRowId]]);
    expect(high[0]?.evidence.some((e) => e.what === '2FA disabled' && e.source === 'nlpearl')).toBe(true);
    expect(others.length).toBeLessThanOrEqual(5);
  }, 60_000);
});
