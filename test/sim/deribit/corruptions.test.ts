import { parse, stringify } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORRUPTED_PRESET_DELTA, corruptedPreset, startDeribitSim, type Corruption, type DeribitSim } from './index';
import { SimDataset } from './sim-dataset';
import { buildSimUsers } from './sim-users';
import { call, login, parseExact, smallDataset, toScaled } from './sim-fixtures';

type Obj = Record<string, unknown>;
interface Served {
  id: number;
  seq: number;
  change: bigint;
  balance: bigint;
  text: string;
  wire: Obj;
}

const DEC: Record<string, number> = { BTC: 8, ETH: 8, USDC: 6 };
const [MAIN, SUB1, SUB2] = buildSimUsers(42, 2).map((u) => u.userId) as [number, number, number];

const CORRUPTIONS: Corruption[] = [
  { kind: 'alter-balance', userId: SUB1, currency: 'BTC', index: 100, delta: '0.00000001' },
  { kind: 'drop-row', userId: SUB2, currency: 'ETH' },
  { kind: 'duplicate-movement', userId: MAIN, currency: 'BTC' },
  { kind: 'duplicate-row', userId: MAIN, currency: 'USDC', index: 50 },
  { kind: 'orphan-transfer', userId: SUB1, currency: 'USDC' },
  { kind: 'wallet-amount', userId: MAIN, currency: 'ETH', delta: '0.001' },
];

/** Every row of a log as served over HTTP, newest first, by continuation pages of `count`. */
async function servedLog(sim: DeribitSim, token: string, userId: number, currency: string, count = 250): Promise<Served[]> {
  const rows: Served[] = [];
  let continuation: string | null = null;
  for (let page = 0; page < 500; page++) {
    const params: Record<string, string | number> = { currency, start_timestamp: 0, end_timestamp: Date.UTC(2030, 0, 1), count };
    if (userId !== sim.mainUserId) params.subaccount_id = userId;
    if (continuation !== null) params.continuation = continuation;
    const reply = await call(sim, 'private/get_transaction_log', params, token);
    const result = reply.body.result as { logs: Obj[]; continuation: string | null };
    // Each row's exact text (lossless: numbers keep their digits).
    const texts = (parse(reply.text) as { result: { logs: unknown[] } }).result.logs.map((l) => stringify(l) ?? '');
    result.logs.forEach((wire, i) => {
      rows.push({
        id: Number(wire.id), seq: Number(wire.user_seq), change: toScaled(String(wire.change), DEC[currency] ?? 8),
        balance: toScaled(String(wire.balance), DEC[currency] ?? 8), text: texts[i] ?? '', wire,
      });
    });
    continuation = result.continuation;
    if (continuation === null) return rows;
  }
  throw new Error('log did not end');
}

/** Ids of rows (newest first input) whose balance is not the previous balance + change. */
function breaks(rows: readonly Served[]): number[] {
  const oldestFirst = [...rows].reverse();
  const out: number[] = [];
  let previous = 0n;
  for (const row of oldestFirst) {
    if (row.balance !== previous + row.change) out.push(row.id);
    previous = row.balance;
  }
  return out;
}

async function liveBalance(sim: DeribitSim, token: string, userId: number, currency: string): Promise<string> {
  const params: Record<string, string | number> = { currency };
  if (userId !== sim.mainUserId) params.subaccount_id = userId;
  return String(((await call(sim, 'private/get_account_summary', params, token)).body.result as Obj).balance);
}

describe('corruptions, verified on the served JSON', () => {
  let sim: DeribitSim;
  let token: string;
  beforeAll(async () => {
    sim = await startDeribitSim({ dataset: smallDataset({ corruptions: CORRUPTIONS }), txLogIntervalMs: 0 });
    token = await login(sim);
  });
  afterAll(() => sim.close());
  const target = (kind: Corruption['kind']) => sim.corruptionTargets().find((t) => t.kind === kind)!;
  const clean = (userId: number, currency: string) => Array.from(sim.cleanTruthTransactions(userId, currency));

  it('reports one target per corruption, in order, each on the chain it names', () => {
    const targets = sim.corruptionTargets();
    expect(targets.map((t) => t.kind)).toEqual(CORRUPTIONS.map((c) => c.kind));
    for (const [i, t] of targets.entries()) {
      expect([t.userId, t.currency]).toEqual([CORRUPTIONS[i]!.userId, CORRUPTIONS[i]!.currency]);
      expect(clean(t.userId, t.currency).some((r) => r.id === t.sourceRowId)).toBe(true);
    }
    // Untouched chains are served exactly as generated.
    expect(sim.truthTransactions(SUB2, 'BTC').map((r) => r.json)).toEqual(clean(SUB2, 'BTC').map((r) => r.json));
  });

  it('alter-balance: only that row\'s balance is off by delta; the chain breaks there and at the next row', async () => {
    const t = target('alter-balance');
    const served = await servedLog(sim, token, SUB1, 'BTC');
    const truth = clean(SUB1, 'BTC');
    expect(truth[truth.length - 1 - 100]!.id).toBe(t.rowId);
    const row = served.find((r) => r.id === t.rowId)!;
    const original = truth.find((r) => r.id === t.rowId)!;
    expect(row.balance - toScaled(original.balance, 8)).toBe(1n);
    expect(row.wire.change).toBe(original.change);
    expect([t.expected, t.actual]).toEqual([original.balance, row.wire.balance]);
    expect(breaks(served)).toEqual([t.rowId, ...t.relatedRowIds.filter((id) => id > t.rowId)]);
    expect(served.filter((r) => r.id !== t.rowId).map((r) => r.text)).toEqual(truth.filter((r) => r.id !== t.rowId).map((r) => r.json));
    expect(t.expectedFindings).toEqual([{ kind: 'balance-break', userId: SUB1, currency: 'BTC', rowId: t.rowId }]);
    expect(await liveBalance(sim, token, SUB1, 'BTC')).toBe(truth[0]!.balance);
  });

  it('drop-row: the row is never served, its user_seq is missing and the next row no longer follows', async () => {
    const t = target('drop-row');
    const served = await servedLog(sim, token, SUB2, 'ETH');
    const truth = clean(SUB2, 'ETH');
    expect(served.map((r) => r.id)).toEqual(truth.map((r) => r.id).filter((id) => id !== t.rowId));
    const next = t.relatedRowIds[0]!;
    expect(breaks(served)).toEqual([next]);
    const seqs = new Set((await Promise.all(['BTC', 'ETH', 'USDC'].map((c) => servedLog(sim, token, SUB2, c)))).flat().map((r) => r.seq));
    expect(seqs.has(t.userSeq)).toBe(false);
    expect(seqs.has(t.userSeq + 1)).toBe(true);
    expect(seqs.size).toBe(Math.max(...seqs) - 1);
    expect(t.expectedFindings.map((f) => f.kind)).toEqual(['balance-break', 'sequence-gap']);
    expect(t.expectedFindings[0]!.rowId).toBe(next);
  });

  it('duplicate-movement: a copy with a fresh id and the next user_seq; balances and user_seq still chain', async () => {
    const t = target('duplicate-movement');
    const served = await servedLog(sim, token, MAIN, 'BTC');
    const truth = clean(MAIN, 'BTC');
    expect(served).toHaveLength(truth.length + 1);
    expect(breaks(served)).toEqual([]);
    const original = served.find((r) => r.id === t.sourceRowId)!;
    const copy = served.find((r) => r.id === t.rowId)!;
    expect(copy.wire.type).toBe('deposit');
    expect(t.rowId).toBeGreaterThan(t.sourceRowId);
    expect(copy.seq).toBe(original.seq + 1);
    expect(copy.change).toBe(original.change);
    expect((copy.wire.info as Obj).transaction).toBe((original.wire.info as Obj).transaction);
    const mainRows = (await Promise.all(['BTC', 'ETH', 'USDC'].map((c) => servedLog(sim, token, MAIN, c)))).flat();
    // By id: main USDC also serves a duplicate-row twin (same id, same user_seq).
    const seqs = [...new Map(mainRows.map((r) => [r.id, r.seq])).values()].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const live = await liveBalance(sim, token, MAIN, 'BTC');
    expect(toScaled(live, 8)).toBe(served[0]!.balance);
    expect(toScaled(live, 8) - toScaled(truth[0]!.balance, 8)).toBe(original.change);
    // get_deposits knows the deposit once: that is where the double booking shows.
    const deposits = (await call(sim, 'private/get_deposits', { currency: 'BTC', count: 1000 }, token)).body.result as { data: Obj[] };
    expect(deposits.data.filter((d) => d.transaction_id === (original.wire.info as Obj).transaction)).toHaveLength(1);
    expect(t.expectedFindings).toEqual([{ kind: 'wallet-mismatch', userId: MAIN, currency: 'BTC', rowId: t.rowId }]);
  });

  it('duplicate-row: the same row (same id, same text) comes twice; deduped by id it is the clean log', async () => {
    const t = target('duplicate-row');
    const served = await servedLog(sim, token, MAIN, 'USDC', 7);
    const copies = served.filter((r) => r.id === t.rowId);
    expect(copies.length).toBeGreaterThanOrEqual(2);
    expect(new Set(copies.map((r) => r.text)).size).toBe(1);
    const unique = [...new Map(served.map((r) => [r.id, r])).values()].sort((a, b) => b.id - a.id);
    const truth = clean(MAIN, 'USDC').filter((r) => r.id !== target('orphan-transfer').relatedRowIds[0]);
    expect(unique.map((r) => r.id)).toEqual(truth.map((r) => r.id));
    expect(sim.truthTransactions(MAIN, 'USDC').filter((r) => r.id === t.rowId)).toHaveLength(2);
    expect(t.expectedFindings).toEqual([]);
  });

  it('orphan-transfer: the counterpart leg is gone from the other log, which still chains', async () => {
    const t = target('orphan-transfer');
    const removed = t.relatedRowIds[0]!;
    const sub = await servedLog(sim, token, SUB1, 'USDC');
    expect(sub.find((r) => r.id === t.rowId)?.wire.type).toBe('transfer');
    const main = await servedLog(sim, token, MAIN, 'USDC');
    expect(main.some((r) => r.id === removed)).toBe(false);
    expect(clean(MAIN, 'USDC').some((r) => r.id === removed)).toBe(true);
    expect(breaks([...new Map(main.map((r) => [r.id, r])).values()])).toEqual([]);
    expect(toScaled(await liveBalance(sim, token, MAIN, 'USDC'), 6)).toBe(main[0]!.balance);
    expect(t.expectedFindings).toEqual([{ kind: 'transfer-unmatched', userId: SUB1, currency: 'USDC', rowId: t.rowId }]);
  });

  it('wallet-amount: the wallet entry disagrees with its row by delta; the row is untouched', async () => {
    const t = target('wallet-amount');
    const row = clean(MAIN, 'ETH').find((r) => r.id === t.rowId)!;
    expect(sim.truthTransactions(MAIN, 'ETH').find((r) => r.id === t.rowId)?.json).toBe(row.json);
    const method = row.type === 'withdrawal' ? 'private/get_withdrawals' : 'private/get_deposits';
    const list = ((await call(sim, method, { currency: 'ETH', count: 1000 }, token)).body.result as { data: Obj[] }).data;
    const hash = (parseExact(row.json) as { info: Obj }).info.transaction;
    const entry = list.find((d) => d.transaction_id === hash)!;
    expect(entry.amount).toBe(t.actual);
    expect(toScaled(String(t.actual), 8) - toScaled(String(t.expected), 8)).toBe(100_000n);
    const fee = row.type === 'withdrawal' ? toScaled(String(entry.fee), 8) : 0n;
    expect(toScaled(String(t.expected), 8) + fee).toBe(toScaled(row.change.replace('-', ''), 8));
    expect(t.expectedFindings).toEqual([{ kind: 'wallet-mismatch', userId: MAIN, currency: 'ETH', rowId: t.rowId }]);
  });
});

describe('corruption set-up', () => {
  const spec = (corruptions: Corruption[]) => smallDataset({ rowsPerStream: 60, corruptions });

  it('rejects targets that do not suit the corruption, unknown rows and a row targeted twice', () => {
    expect(() => new SimDataset(spec([{ kind: 'orphan-transfer', userId: MAIN, currency: 'BTC', index: 0 }]), 'per-user')).toThrow(/not a transfer/);
    expect(() => new SimDataset(spec([{ kind: 'wallet-amount', userId: SUB1, currency: 'BTC', index: 0, delta: '1' }]), 'per-user')).toThrow(/main account/);
    expect(() => new SimDataset(spec([{ kind: 'drop-row', userId: MAIN, currency: 'BTC', rowId: 1 }]), 'per-user')).toThrow(/not in user/);
    expect(() => new SimDataset(spec([{ kind: 'drop-row', userId: MAIN, currency: 'BTC', index: 5 }, { kind: 'duplicate-row', userId: MAIN, currency: 'BTC', index: 5 }]), 'per-user')).toThrow(/already/);
    expect(() => new SimDataset(spec([{ kind: 'alter-balance', userId: MAIN, currency: 'BTC', index: 1, delta: '1e-8' }]), 'per-user')).toThrow(/decimal/);
  });

  it('keeps the clean dataset byte-identical and re-chains appended activity after a corruption', () => {
    const plain = new SimDataset(smallDataset({ rowsPerStream: 60 }), 'per-user');
    const corrupted = new SimDataset(spec([{ kind: 'duplicate-movement', userId: SUB1, currency: 'ETH', index: 10 }]), 'per-user');
    expect(corrupted.cleanTruthTransactions(SUB1, 'ETH').map((r) => r.json)).toEqual(plain.truthTransactions(SUB1, 'ETH').map((r) => r.json));
    expect(plain.corruptionTargets()).toEqual([]);
    corrupted.append({ rowsPerStream: 20, accessLogEvents: 0, until: smallDataset().endTime + 86_400_000 });
    const served = Array.from(corrupted.truthTransactions(SUB1, 'ETH')).reverse();
    let balance = 0n;
    for (const row of served) {
      balance += toScaled(row.change, 8);
      expect(toScaled(row.balance, 8)).toBe(balance);
    }
    expect(corrupted.liveBalance(SUB1, 'ETH')).toBe(balance);
    const seqs = ['BTC', 'ETH', 'USDC'].flatMap((c) => corrupted.truthTransactions(SUB1, c).map((r) => r.userSeq)).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('drop-row names every finding: the counterpart of a transfer, the wallet entry of a deposit, per-currency gaps', () => {
    const base = new SimDataset(smallDataset({ rowsPerStream: 60 }), 'per-currency');
    const rows = Array.from(base.truthTransactions(MAIN, 'ETH')).reverse();
    const transfer = rows.findIndex((r, i) => i > 5 && r.type === 'transfer');
    const deposit = rows.findIndex((r, i) => i > 5 && r.type === 'deposit');
    const dataset = new SimDataset(spec([
      { kind: 'drop-row', userId: MAIN, currency: 'ETH', index: transfer },
      { kind: 'drop-row', userId: MAIN, currency: 'ETH', index: deposit },
    ]), 'per-currency');
    const [t, d] = dataset.corruptionTargets();
    const other = Number((parseExact(rows[transfer]!.json) as { info: Obj }).info.other_user_id);
    expect(t!.expectedFindings).toContainEqual({ kind: 'transfer-unmatched', userId: other, currency: 'ETH', rowId: expect.any(Number) });
    expect(d!.expectedFindings).toContainEqual({ kind: 'wallet-mismatch', userId: MAIN, currency: 'ETH', rowId: null });
    for (const target of [t!, d!]) {
      const gap = target.expectedFindings.find((f) => f.kind === 'sequence-gap')!;
      expect(gap.currency).toBe('ETH');
      expect(dataset.truthTransactions(MAIN, 'ETH').find((r) => r.id === gap.rowId)?.userSeq).toBe(target.userSeq + 1);
    }
  });

  it('corruptedPreset: one altered balance in the first subaccount\'s BTC chain, everything else clean', () => {
    const preset = corruptedPreset({ rowsPerStream: 80, accessLogEvents: 10 });
    const dataset = new SimDataset(preset, 'per-user');
    const [t, ...rest] = dataset.corruptionTargets();
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ kind: 'alter-balance', userId: dataset.users[1]!.userId, currency: 'BTC' });
    expect(toScaled(t!.actual!, 8) - toScaled(t!.expected!, 8)).toBe(toScaled(CORRUPTED_PRESET_DELTA, 8));
    for (const user of dataset.users) {
      for (const currency of preset.currencies) {
        const same = dataset.truthTransactions(user.userId, currency).map((r) => r.json);
        const original = dataset.cleanTruthTransactions(user.userId, currency).map((r) => r.json);
        if (user.userId === t!.userId && currency === 'BTC') expect(same.filter((j, i) => j !== original[i])).toHaveLength(1);
        else expect(same).toEqual(original);
      }
    }
  });
});
