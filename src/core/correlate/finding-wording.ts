/**
 * Plain-language pieces of finding reasons: times in UTC, durations, events with their IP and place, and
 * movements with their exact amount.
 */
import { countryName, toCountryCode } from '../logins/country-code';
import type { LoginEventKind } from '../logins/types';
import type { CorrelationEvent } from './event-columns';
import { magnitudeText } from './scaled-decimal';
import { NO_NAMES, type DisplayNames, type MoneyMovement } from './types';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "Cloudflare Access (office)", or "cloudflare cf-1" where no label is known. */
export const sourceName = (event: CorrelationEvent, names: DisplayNames): string => names.sources.get(event.sourceKey) ?? `${event.source} ${event.sourceKey}`;

/** "2026-03-01 14:02 UTC". Civil date from days since the epoch (Hinnant's algorithm): findings can
 * number in the hundreds of thousands on a hostile history, and Date#toISOString dominated the run. */
export function utcTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const minuteOfDay = minutes - days * 1440;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad(month)}-${pad(day)} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)} UTC`;
}

export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export const KIND_WORDS: Readonly<Record<LoginEventKind, string>> = {
  'login-success': 'successful login',
  'login-failure': 'failed login',
  'access-denied': 'access denied',
  '2fa-enabled': '2FA enabled',
  '2fa-disabled': '2FA disabled',
  'password-changed': 'password changed',
  'email-changed': 'email changed',
  'api-key-created': 'API key created',
  'api-key-removed': 'API key removed',
  'api-key-changed': 'API key changed',
  'whitelist-changed': 'IP whitelist changed',
  'role-changed': 'role changed',
  'subaccount-login-enabled': 'subaccount login enabled',
  'subaccount-login-disabled': 'subaccount login disabled',
  other: 'event',
};

export function place(event: CorrelationEvent): string {
  const where = [event.city, countryName(toCountryCode(event.country))].filter((part): part is string => part !== null && part !== '').join(', ');
  return `${event.ip ?? 'an unknown IP'}${where ? ` (${where})` : ''}`;
}

/** "password changed (changed_password) at 2026-03-01 12:00 UTC from 203.0.113.9 (Lyon, FR), deribit main" */
export function describeEvent(event: CorrelationEvent, names: DisplayNames = NO_NAMES): string {
  const words = KIND_WORDS[event.kind];
  const detail = event.detail && event.detail !== words && event.detail !== event.kind ? ` (${event.detail})` : '';
  const who = event.actor ? ` by ${event.actor}` : '';
  return `${words}${detail}${who} at ${utcTime(event.timestamp)} from ${place(event)}, ${sourceName(event, names)}`;
}

export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function describeEvents(events: readonly CorrelationEvent[], names: DisplayNames = NO_NAMES, limit = 5): string {
  const shown = events.slice(0, limit).map((event) => describeEvent(event, names)).join('; ');
  return events.length > limit ? `${shown}; and ${events.length - limit} more` : shown;
}

export function movementWords(movement: MoneyMovement): string {
  const amount = `${magnitudeText(movement.change)} ${movement.chain.currency}`;
  if (movement.kind === 'withdrawal') return `Withdrawal of ${amount}`;
  if (movement.kind === 'transfer') return `Transfer out of ${amount}`;
  if (movement.change.trim().startsWith('-')) return `Loss of ${amount} (${movement.kind})`;
  return `A ${movement.kind} row (${movement.change} ${movement.chain.currency})`;
}

/** "Withdrawal of 1.5 BTC at 2026-03-01 14:00 UTC (account main, user alice, row 991)" */
export function describeMovement(movement: MoneyMovement, names: DisplayNames = NO_NAMES): string {
  const user = movement.username ?? `user ${movement.chain.userId}`;
  const account = names.accounts.get(movement.chain.accountKey) ?? movement.chain.accountKey;
  return `${movementWords(movement)} at ${utcTime(movement.timestamp)} (account ${account}, ${user}, row ${movement.rowId})`;
}
