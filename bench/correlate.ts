/**
 * correlate_1m_x_100k_in_memory_ms: selectMovements over 1,000,000 ledger rows (4,000 pages of 250, the shape the
 * sync store writes) plus correlate against 100,000 login events from four sources, in memory (the
 * figure in the worker over IndexedDB, correlate_1m_x_100k_ms, is bench/correlate-worker.ts). The data
 * is built first (not timed); the figure is what the worker spends after reading the pages.
 */
import { correlateIncidents } from '../src/core/correlate/correlate';
import { selectMovements } from '../src/core/correlate/select-movements';
import type { LoginEvent, LoginEventKind, LoginSourceKind } from '../src/core/logins/types';
import type { LedgerPage } from '../src/core/recon/types';

const ROWS = 1_000_000;
const EVENTS = 100_000;
const PAGE = 250;
const START = Date.UTC(2023, 0, 1);
const SPAN = 3 * 365 * 86_400_000;
const KIND_NAMES = ['trade-option', 'trade-future', 'settlement', 'withdrawal', 'transfer', 'deposit'];
const ACCOUNTS = ['acct-a', 'acct-b', 'acct-c', 'acct-d'];
const CURRENCIES = ['BTC', 'ETH', 'USDC'];

/** Deterministic pseudo-random stream (xorshift32). */
function stream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export function buildPages(): LedgerPage[] {
  const random = stream(7);
  const chains = ACCOUNTS.flatMap((accountKey, a) => CURRENCIES.map((currency) => ({ accountKey, userId: 100 + a, currency })));
  const perChain = Math.ceil(ROWS / chains.length);
  const pages: LedgerPage[] = [];
  let nextId = 1;
  chains.forEach((chain, c) => {
    const chainKey = `${chain.accountKey}|${chain.userId}|${chain.currency}`;
    // A valid chain (running balance, user_seq from 1), so the reconciliation can run over the same rows.
    let balance = 0n;
    for (let start = 0; start < perChain; start += PAGE) {
      const n = Math.min(PAGE, perChain - start);
      const ids = new Float64Array(n);
      const times = new Float64Array(n);
      const kinds = new Uint8Array(n);
      const changes = new BigInt64Array(n);
      const balances = new BigInt64Array(n);
      const userSeqs = new Float64Array(n);
      const ips: [number, string][] = [];
      for (let k = 0; k < n; k++) {
        ids[k] = nextId++;
        times[k] = START + Math.floor(((start + k) / perChain) * SPAN) + c;
        const r = random();
        const kind = r < 0.45 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : r < 0.955 ? 3 : r < 0.965 ? 4 : 5;
        kinds[k] = kind;
        // Heavy-tailed sizes: most rows small, a few per cent of trades lose more than the 1-unit threshold.
        const magnitude = BigInt(Math.floor(random() ** 10 * 200_000_000));
        changes[k] = kind === 3 ? -magnitude : kind === 5 ? magnitude : random() < 0.5 ? -magnitude : magnitude;
        balance += changes[k] ?? 0n;
        balances[k] = balance;
        userSeqs[k] = start + k + 1;
        // About a third of the rows (trades, withdrawals) carry the ip they were placed from; a handful are unknown.
        if ((kind <= 1 || kind === 3) && random() < 0.4) ips.push([k, random() < 0.0005 ? `198.18.${c}.${Math.floor(random() * 250)}` : `10.0.${c % 4}.${Math.floor(random() * 20)}`]);
      }
      pages.push({
        pageKey: `${chainKey}|${ids[0]}`, chainKey, accountKey: chain.accountKey, userId: chain.userId, currency: chain.currency,
        count: n, minId: ids[0] ?? 0, maxId: ids[n - 1] ?? 0, minTimestamp: times[0] ?? 0, maxTimestamp: times[n - 1] ?? 0,
        ids, userSeqs, timestamps: times, kindCodes: kinds, kindNames: KIND_NAMES, scale: 8,
        changes, balances, commissions: new BigInt64Array(n), otherUserIds: new Float64Array(n).fill(-1),
        ips, texts: null,
      });
    }
  });
  return pages;
}

export function buildEvents(): LoginEvent[] {
  const random = stream(11);
  const sources: [LoginSourceKind, string][] = [['deribit', 'acct-a'], ['deribit', 'acct-b'], ['cloudflare', 'cf'], ['ingedata', 'pulse'], ['nlpearl', 'pearl']];
  const rare: LoginEventKind[] = ['password-changed', '2fa-disabled', 'api-key-created', 'api-key-changed', 'subaccount-login-enabled', 'whitelist-changed'];
  const events: LoginEvent[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const [source, sourceKey] = sources[i % sources.length] as [LoginSourceKind, string];
    const r = random();
    // A busy organisation: logins, some failures and denials, and about a hundred security changes in 3 years.
    const kind: LoginEventKind = r < 0.85 ? 'login-success' : r < 0.95 ? 'login-failure' : r < 0.999 ? 'access-denied' : (rare[i % rare.length] as LoginEventKind);
    // The usual few dozen addresses (one country); a trickle of never-seen ones from elsewhere.
    const fresh = random() < 0.003;
    // Denials mostly come from scanners; one in fifty from a usual address (a colleague without access).
    const scanner = kind === 'access-denied' && random() < 0.98;
    const ip = scanner
      ? `100.127.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`
      : fresh ? `203.0.${Math.floor(random() * 256)}.${i % 256}` : `10.0.${i % 4}.${Math.floor(random() * 20)}`;
    events.push({
      key: `${sourceKey}|${i}`, sourceKey, source, id: String(i), timestamp: START + Math.floor(random() * SPAN),
      actor: source === 'deribit' ? null : `user${i % 12}@example.com`, ip, country: fresh ? (['BR', 'JP', 'US', 'NG'][i % 4] ?? null) : 'FR',
      city: null, outcome: kind === 'login-success' ? 'success' : kind === 'login-failure' ? 'failure' : 'info', kind, detail: kind, raw: '{}',
    });
  }
  return events;
}

export async function benchCorrelate(): Promise<{ name: string; value: number; unit: string }[]> {
  const pages = buildPages();
  const events = buildEvents();
  const started = performance.now();
  const { movements, ipRows } = selectMovements(pages, { lossThresholds: new Map([['BTC', '1'], ['ETH', '1'], ['USDC', '1']]) });
  const selected = performance.now();
  const { findings, incidents } = correlateIncidents(movements, events, ipRows);
  const done = performance.now();
  return [
    { name: 'correlate_1m_x_100k_in_memory_ms', value: Number((done - started).toFixed(1)), unit: 'ms' },
    { name: 'correlate_select_movements_ms', value: Number((selected - started).toFixed(1)), unit: 'ms' },
    { name: 'correlate_movements', value: movements.length, unit: 'rows' },
    { name: 'correlate_ip_rows', value: ipRows.length, unit: 'rows' },
    { name: 'correlate_findings', value: findings.length, unit: 'findings' },
    { name: 'correlate_incidents', value: incidents.length, unit: 'incidents' },
  ];
}

