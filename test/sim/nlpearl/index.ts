/**
 * NLPearl audit-log simulator: `startNlpearlSim(options)` serves `POST {url}/v2/Account/AuditLog` on
 * 127.0.0.1 from a seeded dataset. See README.md for what is faithful and what is an option.
 */
import { FaultQueue } from '../shared/fault-queue';
import { closeSimServer, listenOnLoopback } from '../shared/sim-http-server';
import { DEFAULT_RENDER_STYLE, generateAuditRecords, sortRecords } from './audit-dataset';
import { createSimServer } from './http-server';
import type { AuditDatasetSpec, NlpearlSimAccount, NlpearlSimOptions, SimAuditRecord, SimFaultSpec, SimRequestLog } from './sim-types';

export type * from './sim-types';
export { renderTimestamp } from './audit-dataset';

export const DEFAULT_NLPEARL_ACCOUNT: NlpearlSimAccount = { accountId: 'acc_5f3e2d1c', secretKey: 'sk_live_sim_9QvX2pLm7RtY' };

export const DEFAULT_DATASET: AuditDatasetSpec = {
  seed: 1,
  events: 2000,
  startTime: Date.UTC(2026, 0, 1),
  endTime: Date.UTC(2026, 10, 1),
};

export interface NlpearlSim {
  /** Base URL (no trailing slash); the endpoint is `${url}/v2/Account/AuditLog`. */
  readonly url: string;
  readonly account: NlpearlSimAccount;
  /** Every record, ascending by time (a snapshot). */
  truth(): readonly SimAuditRecord[];
  /** Adds `count` seeded records spread over [from, to]. */
  append(spec: { readonly count: number; readonly from: number; readonly to: number; readonly seed?: number }): readonly SimAuditRecord[];
  /** Adds the given records as they are. */
  appendRecords(records: readonly SimAuditRecord[]): void;
  requests(): readonly SimRequestLog[];
  inject(faults: readonly SimFaultSpec[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startNlpearlSim(options: NlpearlSimOptions = {}): Promise<NlpearlSim> {
  const style = { ...DEFAULT_RENDER_STYLE, ...options.style };
  const dataset = { ...DEFAULT_DATASET, ...options.dataset };
  let records: SimAuditRecord[] = generateAuditRecords(dataset, style);
  let appendSeed = dataset.seed * 7919 + 1;
  const accounts = options.accounts ?? [DEFAULT_NLPEARL_ACCOUNT];
  const faults = new FaultQueue<SimFaultSpec>();
  const log: SimRequestLog[] = [];
  const now = options.now ?? (() => Date.now());
  const retentionMs = options.retentionMs ?? null;
  const { server, timers } = createSimServer({
    accounts,
    records: () => (retentionMs === null ? records : records.filter((r) => r.timestampMs >= now() - retentionMs)),
    faults,
    log,
    now,
    latencyMs: options.latencyMs ?? 0,
    contentType: options.contentType ?? 'application/json; charset=utf-8',
    cap: options.cap === undefined ? 1000 : options.cap,
    order: options.order ?? 'descending',
    fromInclusive: options.fromInclusive ?? true,
    toInclusive: options.toInclusive ?? true,
    unauthorizedBody: options.unauthorizedBody ?? 'empty',
    rateLimit: options.rateLimit ?? null,
    maxRangeDays: options.maxRangeDays ?? null,
  });
  const port = await listenOnLoopback(server, options.port);
  const account = accounts[0] ?? DEFAULT_NLPEARL_ACCOUNT;

  return {
    url: `http://127.0.0.1:${port}`,
    account,
    truth: () => [...records],
    append(spec) {
      const added = generateAuditRecords({ seed: spec.seed ?? appendSeed++, events: spec.count, startTime: spec.from, endTime: spec.to }, style);
      records = sortRecords([...records, ...added]);
      return added;
    },
    appendRecords(extra) {
      records = sortRecords([...records, ...extra]);
    },
    requests: () => log,
    inject: (specs) => faults.inject(specs),
    clearFaults: () => faults.clear(),
    close: () => closeSimServer(server, timers),
  };
}
