/**
 * The suspicious moments planted in the demo login sources, timed against the demo account's own
 * withdrawals so the correlation has something to find: 2FA switched off in NLPearl three hours before
 * the newest withdrawal, and Cloudflare Access refusing an address in a country never seen before,
 * then letting it in, two hours before an earlier withdrawal.
 */
import type { AccessRequestFields } from '../../../test/sim/cloudflare/index';
import { renderTimestamp, type SimAuditRecord } from '../../../test/sim/nlpearl/index';

export interface DemoWithdrawal {
  readonly timestamp: number;
  readonly username: string;
  readonly currency: string;
}

export interface PlantedLoginStory {
  readonly cloudflare: readonly AccessRequestFields[];
  readonly nlpearl: readonly SimAuditRecord[];
  /** What was planted, for the report and the tests. */
  readonly twoFactorOffBefore: DemoWithdrawal | null;
  readonly newCountryBefore: DemoWithdrawal | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Addresses and a country that the seeded Cloudflare data never uses. */
const INTRUDER = { ip: '102.89.34.17', country: 'NG', email: 'alice@treasury.example' };
const ADMIN = { id: '6f1c2a9e-3b4d-4e8f-9a10-2b3c4d5e6f70', name: 'Alice Martin', type: 1, ip: '81.56.12.201' };

const rfc3339 = (ms: number): string => new Date(ms).toISOString();

function nlpearlRecord(ms: number, eventType: number, data: Record<string, string>): SimAuditRecord {
  const text = JSON.stringify({
    timestamp: renderTimestamp(ms, 0, 'Z'),
    eventType,
    user: { id: ADMIN.id, name: ADMIN.name, type: ADMIN.type },
    additionalData: data,
  });
  return { timestampMs: ms, subTicks: 0, eventType, userId: ADMIN.id, text };
}

/** Picks the withdrawals to precede (the newest one, and one at least ten days before it) and builds the records. */
export function plantLoginStory(withdrawals: readonly DemoWithdrawal[], notBefore: number): PlantedLoginStory {
  const sorted = [...withdrawals].filter((w) => w.timestamp - DAY >= notBefore).sort((a, b) => b.timestamp - a.timestamp);
  const newest = sorted[0] ?? null;
  const earlier = newest === null ? null : (sorted.find((w) => w.timestamp <= newest.timestamp - 10 * DAY) ?? null);
  const nlpearl: SimAuditRecord[] = [];
  const cloudflare: AccessRequestFields[] = [];
  if (newest !== null) {
    const at = newest.timestamp - 3 * HOUR;
    nlpearl.push(nlpearlRecord(at - 4 * MINUTE, 2, { ip: ADMIN.ip, country: 'FR' }));
    nlpearl.push(nlpearlRecord(at, 81, { enabled: 'false', ip: ADMIN.ip }));
  }
  if (earlier !== null) {
    const at = earlier.timestamp - 2 * HOUR;
    for (let i = 5; i >= 1; i--) {
      cloudflare.push({
        action: 'login', allowed: false, app_domain: 'vault.treasury.example', app_uid: 'a2d4e6f8-1357-4bdf-8ace-0f1e2d3c4b5a',
        connection: 'onetimepin', created_at: rfc3339(at - i * 3 * MINUTE), ip_address: INTRUDER.ip,
        ray_id: `9d0c${(at - i).toString(16).slice(-12)}`, user_email: INTRUDER.email, country: INTRUDER.country,
      });
    }
    cloudflare.push({
      action: 'login', allowed: true, app_domain: 'vault.treasury.example', app_uid: 'a2d4e6f8-1357-4bdf-8ace-0f1e2d3c4b5a',
      connection: 'onetimepin', created_at: rfc3339(at), ip_address: INTRUDER.ip,
      ray_id: `9d0d${at.toString(16).slice(-12)}`, user_email: INTRUDER.email, country: INTRUDER.country,
    });
  }
  return { cloudflare, nlpearl, twoFactorOffBefore: newest, newCountryBefore: earlier };
}
