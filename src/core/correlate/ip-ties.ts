/**
 * Whether another provider's event is tied to a Deribit account: it shares a network with the account's
 * own Deribit side (its access log and the rows placed from an IP), a /24 for IPv4 and a /48 for IPv6.
 * An event from an unrelated service, from an address the Deribit side never used, is context on the
 * timeline, not a reason for a finding about that account's money.
 */
import type { CorrelationEvent } from './event-columns';
import { normalizeIp, type EventTimeline } from './event-timeline';
import type { IpRowIndex } from './ip-row-index';

/**
 * Private, shared and documentation ranges (10/8, 172.16/12, 192.168/16, 100.64/10 carrier NAT, 127/8,
 * 169.254/16, the TEST-NETs and 198.18/15, fc00::/7, fe80::/10, 2001:db8::/32): unrelated networks reuse them,
 * so only the exact address ties there, never a neighbour.
 */
function isSharedRange(a: number, b: number): boolean {
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) || (a === 198 && (b === 18 || b === 19));
}
const TEST_NETS = new Set(['192.0.2', '198.51.100', '203.0.113']);

/** "v4:81.2.69" or "v6:2a01:e0a:12" (the /24 or /48); "ip:10.0.4.12" in shared ranges; null for no address or one that cannot be read. */
export function networkOf(ip: string | null): string | null {
  const normalized = normalizeIp(ip);
  if (normalized === null) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(normalized);
  if (v4) {
    const prefix = `${v4[1]}.${v4[2]}.${v4[3]}`;
    return isSharedRange(Number(v4[1]), Number(v4[2])) || TEST_NETS.has(prefix) ? `ip:${normalized}` : `v4:${prefix}`;
  }
  if (/^(f[cd]|fe[89ab])/.test(normalized) || normalized.startsWith('2001:db8:')) return `ip:${normalized}`;
  if (!normalized.includes(':')) return null;
  const [head = '', tail] = normalized.split('::', 2);
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length < 3) return null;
  return `v6:${groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}`;
}

/** accountKey → the networks its Deribit side (access-log events and rows placed from an IP) used. */
export type DeribitNetworks = ReadonlyMap<string, ReadonlySet<string>>;

export function deribitNetworks(timeline: EventTimeline, ipRows: IpRowIndex): DeribitNetworks {
  const networks = new Map<string, Set<string>>();
  const add = (accountKey: string, ip: string | null): void => {
    const network = networkOf(ip);
    if (network === null) return;
    let set = networks.get(accountKey);
    if (!set) networks.set(accountKey, (set = new Set()));
    set.add(network);
  };
  for (const event of timeline.sorted) if (event.source === 'deribit') add(event.sourceKey, event.ip);
  for (const group of ipRows.groups) add(group.accountKey, group.ip);
  return networks;
}

/** A Deribit event of the account itself, or another source's event from a network the account's Deribit side used. */
export function isTiedTo(event: CorrelationEvent, accountKey: string, networks: DeribitNetworks): boolean {
  if (event.source === 'deribit') return event.sourceKey === accountKey;
  const network = networkOf(event.ip);
  return network !== null && (networks.get(accountKey)?.has(network) ?? false);
}
