/** Shared fixtures for the simulator's own tests: a small dataset and raw HTTP calls. */
import { parse } from 'lossless-json';
import { DEFAULT_SIM_KEY, type DatasetSpec, type DeribitSim } from './index';

export const START = Date.UTC(2021, 0, 1);
export const END = Date.UTC(2024, 0, 1);

export function smallDataset(overrides: Partial<DatasetSpec> = {}): DatasetSpec {
  return {
    seed: 42,
    subaccounts: 2,
    currencies: ['BTC', 'ETH', 'USDC'],
    rowsPerStream: 300,
    accessLogEvents: 120,
    startTime: START,
    endTime: END,
    ...overrides,
  };
}

export interface RawReply {
  readonly status: number;
  readonly text: string;
  /** Lossless parse: every JSON number arrives as its exact text. */
  readonly body: { result?: unknown; error?: { code: string; message: string; data?: unknown }; id?: string } & Record<string, unknown>;
}

/** Parses JSON keeping every number as its exact text. */
export function parseExact(text: string): unknown {
  return parse(text, null, (value) => value);
}

export async function call(
  sim: DeribitSim,
  method: string,
  params: Record<string, string | number> = {},
  token?: string,
): Promise<RawReply> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await fetch(`${sim.url}/${method}?${query}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return { status: response.status, text, body: parseExact(text) as RawReply['body'] };
}

export async function login(sim: DeribitSim, scope = 'session:test account:read wallet:read'): Promise<string> {
  const reply = await call(sim, 'public/auth', {
    grant_type: 'client_credentials',
    client_id: DEFAULT_SIM_KEY.clientId,
    client_secret: DEFAULT_SIM_KEY.clientSecret,
    scope,
  });
  const token = (reply.body.result as { access_token?: string } | undefined)?.access_token;
  if (token === undefined) throw new Error(`login failed: ${reply.text}`);
  return token;
}

/** Decimal text -> BigInt scaled by 10^decimals, written independently of the simulator's code. */
export function toScaled(text: string, decimals: number): bigint {
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`not a plain decimal: ${text}`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = text.replace('-', '').split('.');
  if (fraction.length > decimals) throw new Error(`too many decimals: ${text}`);
  const value = BigInt(whole + fraction.padEnd(decimals, '0'));
  return negative ? -value : value;
}
