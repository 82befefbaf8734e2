/**
 * Seeded audit-log records: logins (mostly successful, some failed attempts, bursts of failures from a
 * foreign IP followed by a success), API key creation/removal, role changes, 2FA switches, billing and
 * Pearl events, a few codes newer than the doc, and identical duplicates (same tick, same text). The whole
 * dataset is a pure function of the spec and the render style.
 */
import { SeededRandom } from '../deribit/seeded-random';
import type { AuditDatasetSpec, AuditRenderStyle, SimAuditRecord } from './sim-types';

export const EVENT_NAMES: Readonly<Record<number, string>> = {
  1: 'LoginAttempt', 2: 'LoginSuccessful', 10: 'PublishPearl', 11: 'PearlStatus', 18: 'TransferPearl',
  19: 'DeletePearl', 30: 'CreateAPIKey', 31: 'DeleteAPIKey', 40: 'PurchaseAgents', 41: 'DeleteAgent',
  50: 'SetBillingDetails', 51: 'SetPaymentMethod', 52: 'SetSubscription', 59: 'CancelSubscription',
  60: 'PurchaseCredits', 61: 'SetAutoRecharge', 70: 'InviteUser', 71: 'UserJoin', 72: 'InvitationCanceled',
  73: 'UpdateUserRole', 74: 'UpdateAccountInformations', 75: 'RemoveUserFromTheAccount', 76: 'UserLeftAccount',
  80: 'UpdateSessionTTL', 81: 'Set2FA',
};

interface SimUser {
  readonly id: string | null;
  readonly name: string | null;
  readonly type: number;
  readonly ip: string;
  readonly country: string;
}

const USERS: readonly SimUser[] = [
  { id: '6f1c2a9e-3b4d-4e8f-9a10-2b3c4d5e6f70', name: 'Alice Martin', type: 1, ip: '81.56.12.201', country: 'FR' },
  { id: '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d', name: 'Zoë Müller', type: 1, ip: '91.64.33.17', country: 'DE' },
  { id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', name: 'Rahul Iyer', type: 1, ip: '2405:201:a00e:3b::1f', country: 'IN' },
  { id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', name: 'Dana O\'Neil', type: 1, ip: '73.158.4.66', country: 'US' },
  { id: 'key_7Hq2mZ9x', name: 'Zapier integration', type: 3, ip: '54.86.110.23', country: 'US' },
  { id: 'support-17', name: 'NLPearl Support', type: 90, ip: '34.141.2.9', country: 'IL' },
  { id: null, name: 'System', type: 99, ip: '10.0.4.12', country: 'IL' },
];

const FOREIGN: readonly { ip: string; country: string }[] = [
  { ip: '185.220.101.47', country: 'RU' },
  { ip: '103.152.118.9', country: 'VN' },
  { ip: '196.251.72.130', country: 'NG' },
  { ip: '45.95.169.2', country: 'NL' },
];

const FAILURE_REASONS = ['InvalidPassword', 'InvalidOtp', 'UserLocked', 'UnknownEmail'];
const OTHER_CODES = [10, 11, 18, 19, 40, 41, 50, 51, 52, 59, 60, 61, 70, 71, 72, 74, 75, 76, 80];
const FUTURE_CODES = [90, 95, 120];
const IP_KEYS = ['ip', 'IP', 'ipAddress', 'clientIp'] as const;

export const DEFAULT_RENDER_STYLE: AuditRenderStyle = { ipKey: 'mixed', timestampZone: 'Z', eventTypeStyle: 'number' };

/** .NET round-trip style: seconds, then up to 7 fraction digits with trailing zeros trimmed. */
export function renderTimestamp(ms: number, subTicks: number, zone: AuditRenderStyle['timestampZone']): string {
  const seconds = new Date(ms).toISOString().slice(0, 19);
  const fraction = String((((ms % 1000) + 1000) % 1000) * 10_000 + subTicks).padStart(7, '0').replace(/0+$/, '');
  return `${seconds}${fraction === '' ? '' : `.${fraction}`}${zone === 'none' ? '' : zone}`;
}

interface Draft {
  ms: number;
  subTicks: number;
  eventType: number;
  user: SimUser | null;
  data: Record<string, string> | null;
}

/** A time with a random number of fraction digits (7, 4, 3, 2, 1 or none), never before `min`. */
function randomInstant(random: SeededRandom, min: number, max: number): { ms: number; subTicks: number } {
  const ms = random.int(min, max);
  const digits = random.pick([7, 7, 7, 4, 3, 3, 2, 1, 0]);
  const unit = [1000, 100, 10, 1][Math.min(digits, 3)] ?? 1;
  const floored = Math.max(min, ms - (ms % unit));
  const subTicks = digits <= 3 ? 0 : digits === 4 ? random.int(0, 9) * 1000 : random.int(0, 9999);
  return { ms: floored, subTicks };
}

function loginData(random: SeededRandom, style: AuditRenderStyle, ip: string, country: string, extra: Record<string, string>): Record<string, string> {
  const key = style.ipKey === 'mixed' ? random.pick(IP_KEYS) : style.ipKey;
  const data: Record<string, string> = { [key]: ip };
  if (random.chance(0.6)) data.country = country;
  if (random.chance(0.5)) data.userAgent = random.pick(['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'okhttp/4.12.0']);
  return { ...data, ...extra };
}

function draftEvent(random: SeededRandom, style: AuditRenderStyle, at: { ms: number; subTicks: number }): Draft {
  const user = random.pick(USERS);
  const roll = random.next();
  const base = { ...at, user: random.chance(0.03) ? null : user };
  if (roll < 0.4) return { ...base, eventType: 2, data: loginData(random, style, user.ip, user.country, {}) };
  if (roll < 0.58) {
    const failed = random.chance(0.7);
    const extra: Record<string, string> = failed
      ? { success: 'false', reason: random.pick(FAILURE_REASONS) }
      : random.chance(0.5) ? { success: 'true' } : {};
    return { ...base, eventType: 1, data: loginData(random, style, user.ip, user.country, extra) };
  }
  if (roll < 0.61) return { ...base, eventType: 30, data: { keyName: random.pick(['reporting', 'zapier', 'backup']), ...loginData(random, style, user.ip, user.country, {}) } };
  if (roll < 0.63) return { ...base, eventType: 31, data: random.chance(0.5) ? { keyName: 'reporting' } : null };
  if (roll < 0.65) return { ...base, eventType: 73, data: { targetUserId: random.pick(USERS).id ?? '', newRole: random.pick(['Admin', 'Member', 'Viewer']) } };
  if (roll < 0.68) {
    const stated = random.chance(0.8);
    return { ...base, eventType: 81, data: stated ? { enabled: random.chance(0.6) ? 'true' : 'false' } : null };
  }
  if (roll < 0.7) return { ...base, eventType: random.pick(FUTURE_CODES), data: random.chance(0.5) ? { note: 'added after the doc' } : null };
  return { ...base, eventType: random.pick(OTHER_CODES), data: random.chance(0.3) ? null : { pearlId: `pearl_${random.int(100, 999)}` } };
}

export function renderRecord(draft: Draft, style: AuditRenderStyle): SimAuditRecord {
  const eventType = style.eventTypeStyle === 'name' ? (EVENT_NAMES[draft.eventType] ?? draft.eventType) : draft.eventType;
  const body = {
    timestamp: renderTimestamp(draft.ms, draft.subTicks, style.timestampZone),
    eventType,
    user: draft.user === null ? null : { id: draft.user.id, name: draft.user.name, type: draft.user.type },
    additionalData: draft.data,
  };
  return { timestampMs: draft.ms, subTicks: draft.subTicks, eventType: draft.eventType, userId: draft.user?.id ?? null, text: JSON.stringify(body) };
}

/** Exactly `spec.events` records, ascending by time (ties keep generation order). */
export function generateAuditRecords(spec: AuditDatasetSpec, style: AuditRenderStyle): SimAuditRecord[] {
  const random = new SeededRandom(spec.seed);
  const drafts: Draft[] = [];
  while (drafts.length < spec.events) {
    const at = randomInstant(random, spec.startTime, spec.endTime);
    const roll = random.next();
    if (roll < 0.02) {
      // A brute-force burst: failed attempts from one foreign IP, then a success from it.
      const from = random.pick(FOREIGN);
      const victim = random.pick(USERS.slice(0, 4));
      let ms = at.ms;
      for (let i = random.int(3, 6); i > 0 && drafts.length < spec.events - 1; i--) {
        drafts.push({ ms, subTicks: random.int(0, 9999), eventType: 1, user: victim, data: loginData(random, style, from.ip, from.country, { success: 'false', reason: 'InvalidPassword' }) });
        ms = Math.min(spec.endTime, ms + random.int(2_000, 40_000));
      }
      drafts.push({ ms, subTicks: random.int(0, 9999), eventType: 2, user: victim, data: loginData(random, style, from.ip, from.country, {}) });
      continue;
    }
    const draft = draftEvent(random, style, at);
    drafts.push(draft);
    // Identical twins: the same event logged twice in the same tick.
    if (roll > 0.99 && drafts.length < spec.events) drafts.push({ ...draft });
  }
  const records = drafts.slice(0, spec.events).map((d) => renderRecord(d, style));
  return sortRecords(records);
}

export function compareRecords(a: SimAuditRecord, b: SimAuditRecord): number {
  return a.timestampMs - b.timestampMs || a.subTicks - b.subTicks;
}

/** Stable sort by time. */
export function sortRecords(records: readonly SimAuditRecord[]): SimAuditRecord[] {
  return records.map((r, i) => ({ r, i })).sort((x, y) => compareRecords(x.r, y.r) || x.i - y.i).map((x) => x.r);
}
