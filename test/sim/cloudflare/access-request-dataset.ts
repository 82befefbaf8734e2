/**
 * Seeded, reproducible Cloudflare Access records: a small staff of users logging in to a few Access
 * applications through a few IdPs from their usual IPs, some logouts and policy denials, and now and then
 * a security story — a burst of denied attempts from a foreign IP followed by a success from it. Times
 * carry 0–9 fraction digits; some records share created_at exactly; some lack ray_id; a few are exact twins.
 */
import { SeededRandom } from '../deribit/seeded-random';
import type { AccessRequestFields, DatasetSpec } from './sim-types';
import { formatSimTime } from './sim-time';

interface SimUser {
  email: string;
  ips: string[];
  country: string;
}

const USERS: readonly SimUser[] = [
  { email: 'alice@treasury.example', ips: ['203.0.113.10', '198.51.100.23'], country: 'CH' },
  { email: 'bob@treasury.example', ips: ['203.0.113.44'], country: 'CH' },
  { email: 'carol@ops.example', ips: ['192.0.2.77', '2001:db8:85a3::8a2e:370:7334'], country: 'DE' },
  { email: 'dave@ops.example', ips: ['198.51.100.150'], country: 'GB' },
  { email: 'erin@audit.example', ips: ['192.0.2.201'], country: 'NL' },
  { email: 'frank@contractor.example', ips: ['198.51.100.9'], country: 'SG' },
];

/** Addresses (documentation ranges) standing in for unfamiliar networks, with their countries. */
const FOREIGN: readonly { ip: string; country: string }[] = [
  { ip: '185.220.101.4', country: 'RU' },
  { ip: '45.155.205.99', country: 'NL' },
  { ip: '103.75.190.12', country: 'VN' },
  { ip: '2a0e:97c0:3e3:1::7', country: 'BR' },
];

const APPS: readonly { domain: string; uid: string }[] = [
  { domain: 'recon.treasury.example/admin', uid: 'df7e2c5f-02b7-4d9d-af26-8d1988fca630' },
  { domain: 'grafana.ops.example', uid: '6b3a0c1e-91f4-4b8e-9d4a-2a5d1f0e7c11' },
  { domain: 'vault.treasury.example', uid: 'a2d4e6f8-1357-4bdf-8ace-0f1e2d3c4b5a' },
];

const CONNECTIONS = ['saml', 'azureAD', 'google', 'onetimepin', 'github'] as const;

export interface GeneratedRecord {
  fields: AccessRequestFields;
  ms: number;
  nanos: number;
}

function rayId(rng: SeededRandom): string {
  return `${rng.uint32().toString(16).padStart(8, '0')}${rng.uint32().toString(16).padStart(8, '0')}`;
}

function baseRecord(rng: SeededRandom, user: SimUser, ip: string, spec: DatasetSpec): AccessRequestFields {
  const app = rng.pick(APPS);
  const fields: AccessRequestFields = {
    action: 'login',
    allowed: true,
    app_domain: app.domain,
    app_uid: app.uid,
    connection: rng.pick(CONNECTIONS),
    ip_address: ip,
    ray_id: rayId(rng),
    user_email: user.email,
  };
  if (rng.chance(spec.missingRayIdRate ?? 0.03)) delete fields.ray_id;
  return fields;
}

/** Records in [from, to] in time order; `created_at` is the exact text, country kept for `includeCountry`. */
export function generateRecords(spec: DatasetSpec, from = spec.startTime, to = spec.endTime, count = spec.count, seed = spec.seed): GeneratedRecord[] {
  const rng = new SeededRandom(seed);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(from + Math.floor(rng.next() * (to - from + 1)));
  times.sort((a, b) => a - b);

  const out: GeneratedRecord[] = [];
  let burst: { left: number; ip: string; country: string; user: SimUser } | null = null;
  for (let i = 0; i < count; i++) {
    const at = times[i] ?? to;
    const previous = out[out.length - 1];
    let fields: AccessRequestFields;
    let country: string;
    if (previous && rng.chance(spec.twinRate ?? 0.004)) {
      // Identical twins can only exist without a ray id (a ray id is per request).
      delete previous.fields.ray_id;
      out.push({ fields: { ...previous.fields }, ms: previous.ms, nanos: previous.nanos });
      continue;
    }
    if (burst) {
      // A run of denied attempts, then the attacker (or the user abroad) gets in.
      fields = baseRecord(rng, burst.user, burst.ip, spec);
      country = burst.country;
      burst.left -= 1;
      if (burst.left > 0 || spec.burstEnding === 'denied') fields.allowed = false;
      if (burst.left <= 0) burst = null;
    } else if (rng.chance(0.01)) {
      const foreign = rng.pick(FOREIGN);
      burst = { left: rng.int(3, 8), ip: foreign.ip, country: foreign.country, user: rng.pick(USERS) };
      fields = baseRecord(rng, burst.user, burst.ip, spec);
      fields.allowed = false;
      country = burst.country;
    } else {
      const user = rng.pick(USERS);
      fields = baseRecord(rng, user, rng.pick(user.ips), spec);
      country = user.country;
      const roll = rng.next();
      if (roll < 0.1) fields.action = 'logout';
      else if (roll < 0.22) fields.allowed = false;
    }
    let ms = at;
    let nanos = rng.int(0, 999_999);
    if (previous && rng.chance(spec.tieRate ?? 0.08)) {
      ms = previous.ms;
      nanos = previous.nanos;
      fields.created_at = previous.fields.created_at;
    } else {
      // Truncate to the digits written, so the stored time is exactly what the text says.
      const digits = rng.int(0, 9);
      fields.created_at = formatSimTime(ms, nanos, digits);
      const keptNanos = digits <= 3 ? 0 : Math.floor(nanos / 10 ** (9 - digits)) * 10 ** (9 - digits);
      if (digits < 3) ms -= ms % 10 ** (3 - digits);
      nanos = keptNanos;
    }
    fields.country = country;
    out.push({ fields, ms, nanos });
  }
  return out;
}
