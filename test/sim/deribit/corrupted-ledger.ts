/**
 * What the server serves when the dataset has corruptions: each affected clean stream is copied with
 * its edits applied (altered balance, dropped row, re-chained copy or removal, served twin), user_seq
 * re-numbered where a movement was added or removed, and the exchange's live balance per stream.
 * Streams untouched by any corruption are served as generated (the same object, no copy).
 */
import { resolveCorruptions, type ResolvedCorruption } from './corruption-resolve';
import { currencyDecimals, formatFixed } from './fixed-point';
import type { Corruption, CorruptionTarget, ExpectedFinding } from './sim-types';
import type { UserSeqScope } from './transaction-generator';
import { TransactionStream, type StreamRow } from './transaction-store';
import { parseFixed } from './withdrawal-fees';

interface RowEdit {
  alter?: bigint;
  /** gap: not served, nothing else changes; rechain: removed and every later row follows without it. */
  remove?: 'gap' | 'rechain';
  twin?: boolean;
  copyId?: number;
}

export class CorruptedLedger {
  readonly targets: readonly CorruptionTarget[];
  /** Wallet-list amount offsets by clean row id (wallet-amount corruptions). */
  readonly walletAmountDeltas: ReadonlyMap<number, bigint>;
  private readonly served = new Map<TransactionStream, TransactionStream>();
  private readonly shifts = new Map<TransactionStream, bigint>();
  /** Per user (per-user numbering) or per stream (per-currency): seq pivots and their +1/-1. */
  private readonly pivots = new Map<string, { seq: number; delta: number }[]>();

  constructor(
    corruptions: readonly Corruption[],
    private readonly streams: readonly TransactionStream[],
    private readonly lookup: (userId: number, currency: string) => TransactionStream | undefined,
    private readonly mainUserId: number,
    private readonly scope: UserSeqScope,
  ) {
    const resolved = resolveCorruptions(corruptions, lookup, mainUserId);
    const edits = new Map<TransactionStream, Map<number, RowEdit>>();
    const editOf = (stream: TransactionStream, index: number): RowEdit => {
      const byIndex = edits.get(stream) ?? new Map<number, RowEdit>();
      edits.set(stream, byIndex);
      const edit = byIndex.get(index) ?? {};
      byIndex.set(index, edit);
      return edit;
    };
    const walletDeltas = new Map<number, bigint>();
    for (const r of resolved) {
      const c = r.corruption;
      const dec = currencyDecimals(r.stream.currency);
      if (c.kind === 'alter-balance') editOf(r.stream, r.index).alter = parseFixed(c.delta, dec);
      else if (c.kind === 'drop-row') editOf(r.stream, r.index).remove = 'gap';
      else if (c.kind === 'duplicate-row') editOf(r.stream, r.index).twin = true;
      else if (c.kind === 'wallet-amount') walletDeltas.set(r.row.id, parseFixed(c.delta, dec));
      else if (c.kind === 'duplicate-movement') {
        editOf(r.stream, r.index).copyId = this.freeIdAfter(r);
        this.addPivot(r.stream, r.row.userSeq, 1);
      } else if (r.counterpart) {
        editOf(r.counterpart.stream, r.counterpart.index).remove = 'rechain';
        this.addPivot(r.counterpart.stream, r.counterpart.row.userSeq, -1);
      }
    }
    this.walletAmountDeltas = walletDeltas;
    for (const stream of streams) {
      const streamEdits = edits.get(stream);
      if (streamEdits || this.pivots.has(this.scopeKey(stream))) this.rebuild(stream, streamEdits ?? new Map());
    }
    this.targets = resolved.map((r) => this.describe(r));
  }

  /** The stream as served. */
  servedStream(clean: TransactionStream): TransactionStream {
    return this.served.get(clean) ?? clean;
  }

  /** The exchange's live balance: re-chained movements moved it; an altered or dropped row did not. */
  liveBalance(clean: TransactionStream): bigint {
    return clean.lastBalance() + (this.shifts.get(clean) ?? 0n);
  }

  private scopeKey(stream: TransactionStream): string {
    return this.scope === 'per-user' ? String(stream.userId) : `${stream.userId}:${stream.currency}`;
  }

  private addPivot(stream: TransactionStream, seq: number, delta: number): void {
    const key = this.scopeKey(stream);
    this.pivots.set(key, [...(this.pivots.get(key) ?? []), { seq, delta }]);
  }

  private servedSeq(stream: TransactionStream, cleanSeq: number): number {
    let seq = cleanSeq;
    for (const p of this.pivots.get(this.scopeKey(stream)) ?? []) if (p.seq < cleanSeq) seq += p.delta;
    return seq;
  }

  /** id + 1 is free after every row but a transfer's first leg (generator steps >= 2); then id + 2. */
  private freeIdAfter(r: ResolvedCorruption): number {
    const taken = (id: number): boolean =>
      this.streams.some((s) => {
        const i = s.countBelow('id', id, false);
        return i < s.length && s.idAt(i) === id;
      });
    const id = taken(r.row.id + 1) ? r.row.id + 2 : r.row.id + 1;
    const next = r.index + 1 < r.stream.length ? r.stream.idAt(r.index + 1) : Infinity;
    if (taken(id) || id >= next) throw new Error(`duplicate-movement: no free id after row ${r.row.id}`);
    return id;
  }

  private rebuild(clean: TransactionStream, edits: ReadonlyMap<number, RowEdit>): void {
    const out = new TransactionStream(clean.userId, clean.currency, clean.length + edits.size + 1);
    let shift = 0n;
    for (let i = 0; i < clean.length; i++) {
      const row = clean.row(i);
      const edit = edits.get(i);
      if (edit?.remove === 'rechain') shift -= row.change;
      if (edit?.remove) continue;
      const userSeq = this.servedSeq(clean, row.userSeq);
      const balance = row.balance + shift;
      out.push({ ...row, userSeq, balance: balance + (edit?.alter ?? 0n) });
      if (edit?.twin) out.push({ ...row, userSeq, balance });
      if (edit?.copyId !== undefined) {
        shift += row.change;
        out.push({ ...row, id: edit.copyId, userSeq: userSeq + 1, balance: balance + row.change });
      }
    }
    this.served.set(clean, out);
    this.shifts.set(clean, shift);
  }

  private describe(r: ResolvedCorruption): CorruptionTarget {
    const c = r.corruption;
    const served = this.servedStream(r.stream);
    const dec = currencyDecimals(r.stream.currency);
    const chain = { userId: r.stream.userId, currency: r.stream.currency };
    const finding = (kind: ExpectedFinding['kind'], rowId: number | null, on = chain): ExpectedFinding => ({ kind, ...on, rowId });
    const servedIndex = served.countBelow('id', r.row.id, false);
    const servedRow = servedIndex < served.length ? served.row(servedIndex) : null;
    const neighbours = [servedIndex - 1, servedIndex + 1].filter((i) => i >= 0 && i < served.length).map((i) => served.idAt(i));
    const base = {
      corruption: c, kind: c.kind, ...chain, sourceRowId: r.row.id, sourceIndex: r.index, timestamp: r.row.timestamp,
      rowId: r.row.id, userSeq: servedRow?.userSeq ?? this.servedSeq(r.stream, r.row.userSeq),
      relatedRowIds: [] as number[], expected: null as string | null, actual: null as string | null,
    };
    const isNewest = r.index === r.stream.length - 1;
    switch (c.kind) {
      case 'alter-balance': {
        const truth = (servedRow?.balance ?? 0n) - parseFixed(c.delta, dec);
        return {
          ...base, relatedRowIds: neighbours, expected: formatFixed(truth, dec), actual: formatFixed(servedRow?.balance ?? 0n, dec),
          expectedFindings: [finding('balance-break', r.row.id), ...(isNewest ? [finding('tie-out-difference', null)] : [])],
          description: `row ${r.row.id} serves balance ${formatFixed(servedRow?.balance ?? 0n, dec)} instead of ${formatFixed(truth, dec)}; its change and every other row are true`,
        };
      }
      case 'drop-row': {
        const missing = this.servedSeq(r.stream, r.row.userSeq);
        const next = servedIndex < served.length ? served.idAt(servedIndex) : null;
        const findings: ExpectedFinding[] = [];
        if (r.row.change !== 0n) findings.push(next === null ? finding('tie-out-difference', null) : finding('balance-break', next));
        const gapRow = this.rowWithSeq(r.stream, missing + 1);
        if (gapRow) findings.push(finding('sequence-gap', gapRow.row.id, { userId: gapRow.stream.userId, currency: gapRow.stream.currency }));
        const counterpart = r.row.kind === 'transfer' ? this.rowById(r.row.otherUserId, r.stream.currency, r.row) : null;
        if (counterpart) findings.push(finding('transfer-unmatched', counterpart.id, { userId: r.row.otherUserId, currency: r.stream.currency }));
        // The wallet list still has the entry; no served row carries the finding.
        if (isWalletKind(r.row) && r.stream.userId === this.mainUserId) findings.push(finding('wallet-mismatch', null));
        return {
          ...base, userSeq: missing, relatedRowIds: next === null ? [] : [next], expectedFindings: findings,
          description: `row ${r.row.id} (user_seq ${missing}, change ${formatFixed(r.row.change, dec)}) is never served`,
        };
      }
      case 'duplicate-movement': {
        const copy = served.row(servedIndex + 1);
        // Only a cross-check can see it: the transfer's other log, or the main account's wallet lists.
        const detectable =
          r.row.kind === 'transfer' ? 'transfer-unmatched' : isWalletKind(r.row) && r.stream.userId === this.mainUserId ? 'wallet-mismatch' : null;
        return {
          ...base, rowId: copy.id, userSeq: copy.userSeq, relatedRowIds: [r.row.id],
          expectedFindings: detectable ? [finding(detectable, copy.id)] : [],
          description: `row ${r.row.id} is booked twice: copy ${copy.id} (user_seq ${copy.userSeq}) follows it and every later row is re-chained, so balances and user_seq still chain`,
        };
      }
      case 'duplicate-row':
        return { ...base, relatedRowIds: [], expectedFindings: [], description: `row ${r.row.id} is served twice (same id, same text)` };
      case 'orphan-transfer': {
        const removed = r.counterpart?.row.id ?? null;
        return {
          ...base, relatedRowIds: removed === null ? [] : [removed],
          expectedFindings: [finding('transfer-unmatched', r.row.id)],
          description: `transfer ${r.row.id}'s counterpart ${String(removed)} is missing from user ${r.row.otherUserId}'s log, which is re-chained without it`,
        };
      }
      case 'wallet-amount': {
        const truth = r.row.kind === 'withdrawal' ? -r.row.change - (r.row.commission ?? 0n) : r.row.change;
        const wallet = truth + parseFixed(c.delta, dec);
        return {
          ...base, expected: formatFixed(truth, dec), actual: formatFixed(wallet, dec),
          expectedFindings: [finding('wallet-mismatch', r.row.id)],
          description: `the ${r.row.kind} entry of row ${r.row.id} in get_${r.row.kind}s says ${formatFixed(wallet, dec)} instead of ${formatFixed(truth, dec)}`,
        };
      }
    }
  }

  /** The served row numbered `seq` in the stream's numbering scope (the row right after a hole). */
  private rowWithSeq(stream: TransactionStream, seq: number): { stream: TransactionStream; row: StreamRow } | null {
    const scope = this.scope === 'per-user' ? this.streams.filter((s) => s.userId === stream.userId) : [stream];
    for (const clean of scope) {
      const s = this.servedStream(clean);
      const i = s.countBelow('userSeq', seq, false);
      if (i < s.length && s.row(i).userSeq === seq) return { stream: clean, row: s.row(i) };
    }
    return null;
  }

  /** The counterparty's served leg of a transfer row, if it is served. */
  private rowById(userId: number, currency: string, leg: StreamRow): StreamRow | null {
    const clean = this.lookup(userId, currency);
    if (!clean) return null;
    const s = this.servedStream(clean);
    for (const id of [leg.id - 1, leg.id + 1]) {
      const i = s.countBelow('id', id, false);
      if (i < s.length && s.idAt(i) === id && s.kindAt(i) === 'transfer') return s.row(i);
    }
    return null;
  }
}

function isWalletKind(row: StreamRow): boolean {
  return row.kind === 'deposit' || row.kind === 'withdrawal';
}
