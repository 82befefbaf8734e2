import { describe, expect, it } from 'vitest';
import { correlate } from '../../../src/core/correlate/correlate';
import type { CorrelationFinding, MoneyMovement } from '../../../src/core/correlate/types';
import type { LoginEvent } from '../../../src/core/logins/types';
import { loginEvent, type LoginEventSpec } from '../../scenarios/login-event-builder';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const D0 = Date.UTC(2026, 2, 1);
const at = (day: number, hour = 0, minute = 0): number => D0 + day * DAY + hour * HOUR + minute * 60_000;
const HOME = '192.0.2.10';

/** Ten days of one daily login from home (FR): the baseline every case starts from. */
const routine: LoginEvent[] = Array.from({ length: 10 }, (_, day) =>
  loginEvent({ id: `home-${day}`, timestamp: at(day, 9), kind: 'login-success', ip: HOME, country: 'FR' }),
);

let nextEvent = 0;
const ev = (spec: Omit<LoginEventSpec, 'id'> & { id?: string }): LoginEvent => loginEvent({ id: `e${nextEvent++}`, ...spec });

const movement = (rowId: number, timestamp: number, extra: Partial<MoneyMovement> = {}): MoneyMovement => ({
  chain: { accountKey: 'main', userId: 1, currency: 'BTC' },
  rowId,
  timestamp,
  kind: 'withdrawal',
  change: '-1.5',
  ip: null,
  username: 'alice',
  ...extra,
});

const summary = (findings: readonly CorrelationFinding[]): [string, number | null][] =>
  findings.map((f) => [f.signal, f.movement?.rowId ?? null]);

describe('security change before money leaves', () => {
  const withdrawal = movement(100, at(10, 12));
  it.each([
    ['2fa-disabled', 'high'],
    ['password-changed', 'high'],
    ['email-changed', 'high'],
  ] as const)('%s within the window → %s finding on the movement', (kind, severity) => {
    const change = ev({ timestamp: at(10, 8), kind, ip: HOME, country: 'FR' });
    const findings = correlate([withdrawal], [...routine, change]);
    expect(summary(findings)).toEqual([['security-change-before-withdrawal', 100]]);
    expect(findings[0]?.severity).toBe(severity);
    expect(findings[0]?.evidence).toEqual({ loginEventKeys: [change.key], rowIds: [{ accountKey: 'main', id: 100 }] });
    expect(findings[0]?.reason).toContain('Withdrawal of 1.5 BTC at 2026-03-11 12:00 UTC');
    expect(findings[0]?.reason).toContain('4 h after');
    expect(findings[0]?.reason).toContain(HOME);
  });

  it('names accounts and sources by their labels when given them, by their keys otherwise', () => {
    const change = ev({ timestamp: at(10, 8), kind: 'password-changed', ip: HOME, country: 'FR' });
    const plain = correlate([withdrawal], [...routine, change])[0]?.reason ?? '';
    expect(plain).toContain('(account main, alice, row 100)');
    expect(plain).toContain(`${change.source} ${change.sourceKey}`);
    const names = { accounts: new Map([['main', 'Trading desk']]), sources: new Map([[change.sourceKey, 'Office Cloudflare']]) };
    const named = correlate([withdrawal], [...routine, change], [], { names })[0]?.reason ?? '';
    expect(named).toContain('(account Trading desk, alice, row 100)');
    expect(named).toContain('from 192.0.2.10 (France), Office Cloudflare');
    expect(named).not.toContain('account main');
    expect(named).not.toContain(change.sourceKey);
  });

  it('ignores a change older than the window, after the movement, or 2FA being enabled', () => {
    const events = [
      ...routine,
      ev({ timestamp: at(9, 11), kind: 'password-changed' }),
      ev({ timestamp: at(10, 13), kind: '2fa-disabled' }),
      ev({ timestamp: at(10, 8), kind: '2fa-enabled' }),
    ];
    expect(correlate([withdrawal], events)).toEqual([]);
  });

  it("applies another Deribit account's access log only to that account, organisation-wide sources to all", () => {
    const other = ev({ sourceKey: 'other', timestamp: at(10, 8), kind: '2fa-disabled' });
    expect(correlate([withdrawal], [...routine, other])).toEqual([]);
    const org = ev({ source: 'nlpearl', sourceKey: 'pearl', timestamp: at(10, 8), kind: 'password-changed', actor: 'u1' });
    expect(summary(correlate([withdrawal], [...routine, org]))).toEqual([['security-change-before-withdrawal', 100]]);
  });

  it('honours a shorter window', () => {
    const change = ev({ timestamp: at(10, 8), kind: '2fa-disabled' });
    expect(correlate([withdrawal], [...routine, change], [], { windowMs: 3 * HOUR })).toEqual([]);
  });
});

describe('API key change before money leaves', () => {
  const transfer = movement(200, at(10, 12), { kind: 'transfer', change: '-2' });
  it.each([
    ['api-key-created', 'new_api_key', 'high'],
    ['whitelist-changed', 'changed_whitelist', 'high'],
    ['api-key-changed', 'changed_scope', 'high'],
    ['api-key-changed', 'reset_api_key', 'medium'],
    ['api-key-changed', 'enabled_api_key', 'medium'],
  ] as const)('%s (%s) → %s', (kind, detail, severity) => {
    const findings = correlate([transfer], [...routine, ev({ timestamp: at(10, 9), kind, detail })]);
    expect(summary(findings)).toEqual([['api-key-change-before-withdrawal', 200]]);
    expect(findings[0]?.severity).toBe(severity);
    expect(findings[0]?.reason).toContain('Transfer out of 2 BTC');
  });

  it('does not fire for a key being removed', () => {
    expect(correlate([transfer], [...routine, ev({ timestamp: at(10, 9), kind: 'api-key-removed' })])).toEqual([]);
  });
});

describe('login from a new IP or country before a movement', () => {
  const withdrawal = movement(300, at(10, 12));
  it('fires for a success from an IP never seen before, within the window', () => {
    const login = ev({ timestamp: at(10, 10), kind: 'login-success', ip: '198.51.100.77', country: 'FR' });
    const findings = correlate([withdrawal], [...routine, login]);
    expect(summary(findings)).toEqual([['new-ip-before-movement', 300]]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([login.key]);
    expect(findings[0]?.reason).toContain('198.51.100.77');
  });

  it('links the first sighting too when the IP first showed in a failed attempt', () => {
    const failure = ev({ timestamp: at(10, 9, 50), kind: 'login-failure', ip: '198.51.100.77' });
    const login = ev({ timestamp: at(10, 10), kind: 'login-success', ip: '198.51.100.77', country: 'FR' });
    const findings = correlate([withdrawal], [...routine, failure, login]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([failure.key, login.key]);
  });

  it('does not fire for a known IP, an IP first seen before the window, or during the first window of history', () => {
    const knownLater = ev({ timestamp: at(10, 10), kind: 'login-success', ip: HOME, country: 'FR' });
    const seenEarlier = ev({ timestamp: at(9, 1), kind: 'login-failure', ip: '198.51.100.78' });
    const againNow = ev({ timestamp: at(10, 10), kind: 'login-success', ip: '198.51.100.78', country: 'FR' });
    expect(correlate([withdrawal], [...routine, knownLater, seenEarlier, againNow])).toEqual([]);
    const early = movement(301, at(0, 20));
    const secondIp = ev({ timestamp: at(0, 18), kind: 'login-success', ip: '198.51.100.79', country: 'FR' });
    expect(correlate([early], [...routine, secondIp])).toEqual([]);
  });

  it('reports a new country once, not also as a new IP', () => {
    const login = ev({ timestamp: at(10, 10), kind: 'login-success', ip: '203.0.113.5', country: 'BR', city: 'Recife' });
    const findings = correlate([withdrawal], [...routine, login]);
    expect(summary(findings)).toEqual([['new-country-before-movement', 300]]);
    expect(findings[0]?.reason).toContain('BR');
    expect(findings[0]?.reason).toContain('Recife');
  });
});

describe('failed-login burst followed by a success', () => {
  const burst = (startHour: number, count: number, spacingMin: number): LoginEvent[] =>
    Array.from({ length: count }, (_, i) => ev({ timestamp: at(10, startHour, i * spacingMin), kind: 'login-failure', ip: HOME }));
  const success = (hour: number, minute: number): LoginEvent => ev({ timestamp: at(10, hour, minute), kind: 'login-success', ip: HOME, country: 'FR' });

  it('attaches to the next movement within the window', () => {
    const failures = burst(8, 5, 2);
    const ok = success(8, 12);
    const findings = correlate([movement(400, at(10, 11))], [...routine, ...failures, ok]);
    expect(summary(findings)).toEqual([['failed-burst-then-success', 400]]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([...failures.map((f) => f.key), ok.key]);
    expect(findings[0]?.reason).toContain('5 failed logins');
  });

  it('stands alone when no money leaves within the window after it', () => {
    const ok = success(8, 12);
    const findings = correlate([movement(401, at(11, 12))], [...routine, ...burst(8, 6, 2), ok]);
    expect(summary(findings)).toEqual([['failed-burst-then-success', null]]);
    expect(findings[0]?.id).toBe(`failed-burst-then-success|${ok.key}`);
    expect(findings[0]?.timestamp).toBe(ok.timestamp);
  });

  it('does not fire for four failures, or five spread over an hour', () => {
    expect(correlate([], [...routine, ...burst(8, 4, 2), success(8, 12)])).toEqual([]);
    expect(correlate([], [...routine, ...burst(8, 5, 15), success(9, 15)])).toEqual([]);
  });

  it('does not pool failures of different identities', () => {
    const mixed = [0, 1, 2, 3, 4].map((i) =>
      ev({ source: 'cloudflare', sourceKey: 'cf', actor: `user${i}@example.com`, timestamp: at(10, 8, i), kind: 'login-failure', ip: HOME }),
    );
    const ok = ev({ source: 'cloudflare', sourceKey: 'cf', actor: 'user0@example.com', timestamp: at(10, 8, 6), kind: 'login-success', ip: HOME });
    expect(correlate([], [...routine, ...mixed, ok])).toEqual([]);
  });
});

describe('row placed from an IP no login source knows', () => {
  const trade = (rowId: number, timestamp: number, ip: string): MoneyMovement =>
    movement(rowId, timestamp, { kind: 'trade-option', change: '0.01', ip });
  it('fires once per account and IP, listing every row', () => {
    const rows = [trade(500, at(5, 1), '203.0.113.50'), trade(501, at(6, 1), '203.0.113.50'), trade(502, at(6, 2), HOME)];
    const findings = correlate([], routine, rows);
    expect(summary(findings)).toEqual([['unknown-ip-on-row', 500]]);
    expect(findings[0]?.evidence.rowIds).toEqual([{ accountKey: 'main', id: 500 }, { accountKey: 'main', id: 501 }]);
    expect(findings[0]?.reason).toContain('203.0.113.50');
  });

  it('treats the IPv4-mapped form as the same address and ignores rows older than every login event', () => {
    expect(correlate([], routine, [trade(503, at(5, 1), `::ffff:${HOME}`), trade(504, at(-3), '203.0.113.51')])).toEqual([]);
  });
});

describe('two countries within a few hours', () => {
  const login = (actor: string, hour: number, country: string | null, day = 11): LoginEvent =>
    ev({ source: 'cloudflare', sourceKey: 'cf', actor, timestamp: at(day, hour), kind: 'login-success', ip: HOME, country });
  it('fires for one identity in two countries 3 h apart', () => {
    const first = login('bob@example.com', 8, 'FR');
    const second = login('bob@example.com', 11, 'US');
    const findings = correlate([], [...routine, first, second]);
    expect(summary(findings)).toEqual([['two-countries', null]]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([first.key, second.key]);
  });

  it('ignores travel slower than the window, unknown countries and different people', () => {
    expect(correlate([], [...routine, login('bob@example.com', 1, 'FR'), login('bob@example.com', 9, 'US')])).toEqual([]);
    expect(correlate([], [...routine, login('bob@example.com', 8, 'FR'), login('bob@example.com', 9, null), login('bob@example.com', 10, 'xx')])).toEqual([]);
    expect(correlate([], [...routine, login('bob@example.com', 8, 'FR'), login('carol@example.com', 9, 'US')])).toEqual([]);
  });
});

describe('access denied from an IP that got in elsewhere', () => {
  const denied = (hour: number, ip = '198.51.100.9'): LoginEvent =>
    ev({ source: 'cloudflare', sourceKey: 'cf', actor: 'x@example.com', timestamp: at(11, hour), kind: 'access-denied', ip });
  it('fires when the same IP logs in to Deribit around the denial', () => {
    const denials = [denied(3), denied(4)];
    const deribit = ev({ timestamp: at(11, 6), kind: 'login-success', ip: '198.51.100.9', country: 'FR' });
    const findings = correlate([], [...routine, ...denials, deribit]);
    expect(summary(findings)).toEqual([['access-denied-same-ip', null]]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([...denials.map((d) => d.key), deribit.key]);
  });

  it('fires when a row was placed from that IP, linking the row', () => {
    const row = movement(600, at(11, 5), { kind: 'trade-future', change: '0.2', ip: '198.51.100.9' });
    const findings = correlate([], [...routine, denied(3)], [row]);
    // The denial itself shows the IP in a login source, so the row is not also "unknown".
    expect(summary(findings)).toEqual([['access-denied-same-ip', 600]]);
    expect(findings[0]?.evidence.rowIds).toEqual([{ accountKey: 'main', id: 600 }]);
  });

  it('ignores a success at the same source, or far from the denial', () => {
    const cfSuccess = ev({ source: 'cloudflare', sourceKey: 'cf', actor: 'y@example.com', timestamp: at(11, 5), kind: 'login-success', ip: '198.51.100.9' });
    expect(correlate([], [...routine, denied(3), cfSuccess])).toEqual([]);
    const later = ev({ timestamp: at(13, 5), kind: 'login-success', ip: '198.51.100.9', country: 'FR' });
    expect(correlate([], [...routine, denied(3), later])).toEqual([]);
  });
});

describe('subaccount login enabled', () => {
  it('is a low finding of its own', () => {
    const enabled = ev({ timestamp: at(10, 9), kind: 'subaccount-login-enabled', ip: HOME });
    const findings = correlate([], [...routine, enabled]);
    expect(findings.map((f) => [f.signal, f.severity, f.movement])).toEqual([['subaccount-login-enabled', 'low', null]]);
    expect(findings[0]?.evidence.loginEventKeys).toEqual([enabled.key]);
  });
});

describe('correlate as a whole', () => {
  it('is silent for routine life: known IPs, a stray failed login, withdrawals without prior changes', () => {
    const events = [...routine, ev({ timestamp: at(10, 8), kind: 'login-failure', ip: HOME }), ev({ timestamp: at(10, 8, 1), kind: 'login-success', ip: HOME, country: 'FR' })];
    expect(correlate([movement(700, at(10, 12)), movement(701, at(11, 12))], events, [movement(702, at(10, 13), { ip: HOME })])).toEqual([]);
  });

  it('orders findings by time then id, whatever the input order, with stable ids', () => {
    const events = [
      ...routine,
      ev({ id: 'sec', timestamp: at(10, 8), kind: '2fa-disabled' }),
      ev({ id: 'key', timestamp: at(10, 9), kind: 'api-key-created' }),
      ev({ id: 'sub', timestamp: at(10, 7), kind: 'subaccount-login-enabled' }),
    ];
    const movements = [movement(801, at(10, 13)), movement(800, at(10, 12))];
    const forward = correlate(movements, events);
    const backward = correlate([...movements].reverse(), [...events].reverse());
    expect(backward).toEqual(forward);
    expect(forward.map((f) => f.id)).toEqual([
      'subaccount-login-enabled|main|sub',
      'api-key-change-before-withdrawal|main|800',
      'security-change-before-withdrawal|main|800',
      'api-key-change-before-withdrawal|main|801',
      'security-change-before-withdrawal|main|801',
    ]);
  });
});
