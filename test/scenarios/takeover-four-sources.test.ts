/**
 * One story, one incident: an account takeover whose evidence is spread over all four login sources —
 * Cloudflare Access refusing the intruder's address, failed logins then a success at Ingedata, 2FA switched
 * off in NLPearl, a Deribit login and a new API key, then a withdrawal, all from one address — planted into
 * a busy clean history. Many findings fire; they must form exactly one high incident citing every source,
 * with its evidence in time order, and the clean history around it must form none.
 */
import { describe, expect, it } from 'vitest';
import { correlateIncidents } from '../../src/core/correlate/correlate';
import { selectMovements } from '../../src/core/correlate/select-movements';
import { generateBackground } from './background-history';
import { DAY, HOUR, PEOPLE, SCENARIO_START, ScenarioBuilder, type Person } from './scenario-builder';
import { seededRandom } from './seeded-random';

const MIN = 60_000;
const DAYS = 40;
const TAKEOVER_DAY = 20;
const at = (hour: number, minute = 0): number => SCENARIO_START + TAKEOVER_DAY * DAY + hour * HOUR + minute * MIN;

function takeoverScenario(seed: number) {
  const rng = seededRandom(seed);
  const builder = new ScenarioBuilder();
  generateBackground(builder, rng, DAYS, new Set([TAKEOVER_DAY - 1, TAKEOVER_DAY, TAKEOVER_DAY + 1]));
  const victim = PEOPLE[seed % PEOPLE.length] as Person;
  const ip = builder.freshIp();
  const denials = [0, 1, 2].map((n) => builder.event('cloudflare', 'cf-org', at(6, n * 4), 'access-denied', ip, null, victim.email, 'login'));
  const failures = [0, 1, 2, 3, 4].map((n) => builder.login(victim, 'ingedata', at(7, n), 'login-failure', ip, null));
  const ingedataIn = builder.login(victim, 'ingedata', at(7, 6), 'login-success', ip, null);
  const twoFactorOff = builder.login(victim, 'nlpearl', at(8), '2fa-disabled', ip, null, 'eventType 81');
  const deribitIn = builder.login(victim, 'deribit', at(8, 30), 'login-success', ip, victim.home.country);
  const newKey = builder.login(victim, 'deribit', at(8, 35), 'api-key-created', ip, victim.home.country, 'new_api_key');
  const rowId = builder.row(builder.chain(victim, 'BTC'), at(10), 'withdrawal', '-4.5', ip);
  return { builder, rowId, planted: [...denials, ...failures, ingedataIn, twoFactorOff, deribitIn, newKey] };
}

describe('a takeover spread over four login sources', () => {
  it.each([1, 2, 3, 4, 5])('is one high incident citing each source, in time order (seed %i)', (seed) => {
    const { builder, rowId, planted } = takeoverScenario(seed);
    const { movements, ipRows } = selectMovements(builder.pages(), { usernames: builder.usernames() });
    const { findings, incidents } = correlateIncidents(movements, builder.events, ipRows);

    // Several signals fire on the story...
    const onStory = findings.filter((f) => f.movement?.rowId === rowId || f.evidence.loginEventKeys.some((k) => planted.some((e) => e.key === k)));
    expect(new Set(onStory.map((f) => f.signal)).size).toBeGreaterThanOrEqual(4);
    // ...and form exactly one incident, the only one in the whole history.
    expect(incidents.map((i) => [i.severity, i.movements.map((m) => m.rowId)])).toEqual([['high', [rowId]]]);
    const incident = incidents[0];
    if (!incident) throw new Error('no incident');
    expect(new Set(incident.findingIds)).toEqual(new Set(onStory.map((f) => f.id)));
    expect(incident.sourceKinds).toEqual(['cloudflare', 'deribit', 'ingedata', 'ledger', 'nlpearl']);
    for (const event of planted) expect(incident.evidence.map((e) => (e.ref.type === 'event' ? e.ref.key : null))).toContain(event.key);

    // Time order: denials, failures, success, 2FA change, Deribit login, new key, then the withdrawal last.
    const times = incident.evidence.map((e) => e.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(incident.evidence[incident.evidence.length - 1]?.ref).toEqual({ type: 'row', accountKey: builder.chain(PEOPLE[seed % PEOPLE.length] as Person, 'BTC').accountKey, id: rowId });
    expect(incident.headline).toMatch(/^Withdrawal of 4\.5 BTC \(\w+\) 4 h after 2FA disabled/);
    expect(incident.headline.length).toBeLessThan(200);
  });

  it('keeps the incident and its digest when run again over the same data, and changes the digest when evidence changes', () => {
    const { builder, rowId } = takeoverScenario(7);
    const { movements, ipRows } = selectMovements(builder.pages());
    const first = correlateIncidents(movements, builder.events, ipRows).incidents;
    const again = correlateIncidents(movements, [...builder.events].reverse(), ipRows).incidents;
    expect(again.map((i) => [i.id, i.evidenceDigest])).toEqual(first.map((i) => [i.id, i.evidenceDigest]));
    const extra = builder.event('cloudflare', 'cf-org', at(9), 'access-denied', (first[0]?.evidence[0]?.ip ?? '') as string, null, null, 'login');
    const changed = correlateIncidents(movements, [...builder.events, extra], ipRows).incidents;
    expect(changed[0]?.id).toBe(`incident|${first[0]?.movements[0]?.chain.accountKey}|${rowId}`);
    expect(changed[0]?.id).toBe(first[0]?.id);
    expect(changed[0]?.evidenceDigest).not.toBe(first[0]?.evidenceDigest);
  });
});
