/**
 * The entry point the reconciliation worker calls: balance chains, user_seq numbering, completeness,
 * transfer matching and unknown row types over every chain of one or more accounts. With a carry the
 * columns hold only the rows after it and the run costs O(new rows); results equal one full run.
 * Pass every chain of an account in one call (an unchanged chain as empty columns plus its carry):
 * sequence numbering and transfers are judged across the account's chains.
 * Tie-out and wallet matching need live data and are separate calls (tie-out.ts, wallet-match.ts).
 * With the chains' download state (account-download.ts), findings the missing part would cause wait
 * (withheld-findings.ts) and each status says how far the download got; carries keep the raw results.
 */
import type { ChainDownload } from './account-download';
import type { ChainColumns } from './chain-columns';
import { checkBalanceChain } from './chain-check';
import { canonicalKind } from './classify';
import { checkCompleteness, firstRowOf, type FirstRow } from './completeness';
import { sortFindings } from './finding-order';
import { formatFixed } from './fixed-point';
import { checkUserSequence, type SequenceCheckResult } from './sequence-check';
import { FULLY_DOWNLOADED } from './stream-completeness';
import { DEFAULT_TRANSFER_TOLERANCE_MS, matchTransferLegs } from './transfers';
import type { ChainCarry, ChainStatus, Finding, TransferLeg } from './types';
import { downloadGate, statusesWithoutRows, type DownloadGate } from './withheld-findings';

export interface ReconcileChainInput {
  readonly columns: ChainColumns;
  readonly carry: ChainCarry | null;
  readonly reachedCreation: boolean;
}

export interface ReconcileResult {
  readonly statuses: ChainStatus[];
  readonly findings: Finding[];
  readonly carries: ChainCarry[];
  /** chains whose new rows precede the carried last row: the caller must reload them fully and call again */
  readonly needsFull: string[];
  readonly transfersOutside: number;
}

export interface ReconcileOptions {
  readonly transferToleranceMs?: number;
  /** Users of each account (beyond those with a chain in the inputs), for telling in-account transfers apart. */
  readonly accountUsers?: ReadonlyMap<string, ReadonlySet<number>>;
  /**
   * chainKey → what the sync has downloaded, for every chain it knows (also chains without rows yet).
   * Absent: every chain counts as downloaded (no status carries a download state).
   */
  readonly download?: ReadonlyMap<string, ChainDownload>;
}

interface ChainWork {
  readonly input: ReconcileChainInput;
  readonly key: string;
  balance?: ReturnType<typeof checkBalanceChain>;
  chainFindings?: Finding[];
  newLegs: TransferLeg[];
  newOutside: number;
}

export function reconcileChains(inputs: readonly ReconcileChainInput[], options: ReconcileOptions = {}): ReconcileResult {
  const tolerance = options.transferToleranceMs ?? DEFAULT_TRANSFER_TOLERANCE_MS;
  const byAccount = new Map<string, ReconcileChainInput[]>();
  for (const input of inputs) {
    const { columns, carry } = input;
    if (carry !== null && carry.chainKey !== columns.chainKey) {
      throw new Error(`Carry of ${carry.chainKey} given with the rows of ${columns.chainKey}`);
    }
    const list = byAccount.get(columns.chain.accountKey);
    if (list) list.push(input);
    else byAccount.set(columns.chain.accountKey, [input]);
  }
  const result: ReconcileResult = { statuses: [], findings: [], carries: [], needsFull: [], transfersOutside: 0 };
  const gate = downloadGate(options.download);
  const skipped = new Set<string>();
  for (const [accountKey, list] of byAccount) {
    const account = reconcileAccount(list, tolerance, options.accountUsers?.get(accountKey), gate, options.download !== undefined);
    if (account === null) {
      result.needsFull.push(...list.map((i) => i.columns.chainKey));
      skipped.add(accountKey);
      continue;
    }
    result.statuses.push(...account.statuses);
    result.findings.push(...account.findings);
    result.carries.push(...account.carries);
    (result as { transfersOutside: number }).transfersOutside += account.transfersOutside;
  }
  result.statuses.push(...statusesWithoutRows(options.download, new Set(result.statuses.map((s) => chainKey(s.chain))), skipped));
  result.statuses.sort((a, b) => compareKeys(chainKey(a.chain), chainKey(b.chain)));
  result.carries.sort((a, b) => compareKeys(a.chainKey, b.chainKey));
  result.needsFull.sort(compareKeys);
  return { ...result, findings: sortFindings(result.findings) };
}

const chainKey = (c: { accountKey: string; userId: number; currency: string }): string => `${c.accountKey}|${c.userId}|${c.currency}`;
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when the new rows start after the carried last row in (user_seq, id) order. */
function followsCarry(input: ReconcileChainInput): boolean {
  const { columns, carry } = input;
  if (carry === null || columns.count === 0) return true;
  const seq = columns.userSeqs[0] as number;
  const id = columns.ids[0] as number;
  return seq > carry.lastUserSeq || (seq === carry.lastUserSeq && id > carry.lastId);
}

/** Null when the account needs a full run (rows before a carry, or the user_seq reading changed). */
function reconcileAccount(
  list: readonly ReconcileChainInput[],
  tolerance: number,
  extraUsers: ReadonlySet<number> | undefined,
  gate: DownloadGate,
  withDownload: boolean,
): Omit<ReconcileResult, 'needsFull'> | null {
  if (!list.every(followsCarry)) return null;
  const accountKey = list[0]?.columns.chain.accountKey ?? '';
  const work: ChainWork[] = list.map((input) => ({ input, key: input.columns.chainKey, newLegs: [], newOutside: 0 }));
  const users = new Set<number>([...(extraUsers ?? []), ...gate.usersOf(accountKey)]);
  for (const w of work) users.add(w.input.columns.chain.userId);

  // Sequence numbering, per user over the user's currencies.
  const byUser = new Map<number, ChainWork[]>();
  for (const w of work) {
    const userId = w.input.columns.chain.userId;
    const group = byUser.get(userId);
    if (group) group.push(w);
    else byUser.set(userId, [w]);
  }
  const sequences = new Map<number, SequenceCheckResult>();
  for (const [userId, group] of byUser) {
    const seq = checkUserSequence(group.map((w) => ({ columns: w.input.columns, carry: w.input.carry })));
    if (seq.schemeChanged) return null;
    sequences.set(userId, seq);
  }

  const findings: Finding[] = [];
  const carriedLegs: TransferLeg[] = [];
  let carriedOutside = 0;
  for (const w of work) {
    const { columns, carry } = w.input;
    w.balance = checkBalanceChain(columns, carry);
    w.chainFindings = [...carriedFindings(carry), ...w.balance.findings, ...unknownTypeFindings(columns, carry)];
    carriedLegs.push(...(carry?.openTransfers ?? []));
    carriedOutside += carry?.transfersOutside ?? 0;
    collectLegs(w, users);
    // A chain not fully downloaded: only the row types it holds are worth saying yet.
    findings.push(...(gate.chainWaits(w.key) ? w.chainFindings.filter((f) => f.kind === 'unknown-type') : w.chainFindings));
  }
  for (const [userId, seq] of sequences) if (!gate.userWaits(accountKey, userId)) findings.push(...seq.findings);

  const legs = [...carriedLegs, ...work.flatMap((w) => w.newLegs)];
  const transfers = matchTransferLegs(legs, tolerance, new Map([[accountKey, users]]));
  // One finding per unmatched leg, in the same order.
  transfers.findings.forEach((finding, i) => {
    const leg = transfers.unmatched[i];
    if (leg === undefined || !gate.transferWaits(leg, tolerance)) findings.push(finding);
  });
  const openByChain = new Map<string, TransferLeg[]>();
  for (const leg of transfers.unmatched) {
    const key = chainKey(leg.chain);
    const open = openByChain.get(key);
    if (open) open.push(leg);
    else openByChain.set(key, [leg]);
  }

  const statuses: ChainStatus[] = [];
  const carries: ChainCarry[] = [];
  let transfersOutside = carriedOutside;
  for (const w of work) {
    const { columns, carry, reachedCreation } = w.input;
    const balance = w.balance as ReturnType<typeof checkBalanceChain>;
    const chainFindings = w.chainFindings as Finding[];
    const seq = sequences.get(columns.chain.userId) as SequenceCheckResult;
    const first: FirstRow | null = carry
      ? { rowId: carry.firstId, timestamp: carry.firstTimestamp, opening: carry.firstOpening ?? carry.lastBalance }
      : firstRowOf(columns);
    const completeness = checkCompleteness(columns.chain, first, reachedCreation);
    const waits = gate.chainWaits(w.key);
    if (completeness.finding && !waits) findings.push(completeness.finding);
    const n = columns.count;
    const rows = (carry?.rows ?? 0) + n;
    const last = n > 0 ? n - 1 : -1;
    transfersOutside += w.newOutside;
    statuses.push({
      chain: columns.chain,
      rows,
      firstTimestamp: first?.timestamp ?? null,
      lastTimestamp: last >= 0 ? (columns.timestamps[last] as number) : (carry?.lastTimestamp ?? null),
      newestBalance: balance.lastBalance,
      breaks: waits ? 0 : chainFindings.filter((f) => f.kind === 'balance-break').length,
      gaps: gate.userWaits(accountKey, columns.chain.userId) ? 0 : (seq.gapsByChain.get(w.key) ?? 0),
      complete: completeness.complete && !waits,
      tieOut: null,
      ...(withDownload ? { download: gate.downloadOf(w.key) ?? FULLY_DOWNLOADED } : {}),
    });
    if (first === null || balance.lastBalance === null) continue;
    carries.push({
      chainKey: w.key,
      chain: columns.chain,
      rows,
      lastId: last >= 0 ? (columns.ids[last] as number) : (carry?.lastId ?? -1),
      lastUserSeq: last >= 0 ? (columns.userSeqs[last] as number) : (carry?.lastUserSeq ?? -1),
      lastTimestamp: last >= 0 ? (columns.timestamps[last] as number) : (carry?.lastTimestamp ?? -1),
      lastBalance: balance.lastBalance,
      firstId: first.rowId,
      firstUserSeq: carry ? carry.firstUserSeq : (columns.userSeqs[0] as number),
      firstTimestamp: first.timestamp,
      findings: chainFindings,
      firstOpening: first.opening,
      pendingExpected: balance.pendingExpected,
      userSeq: seq.carry,
      openTransfers: openByChain.get(w.key) ?? [],
      transfersOutside: (carry?.transfersOutside ?? 0) + w.newOutside,
    });
  }
  return { statuses, findings, carries, transfersOutside };
}

/** New transfer legs of the chain; legs towards users outside the account are only counted. */
function collectLegs(w: ChainWork, users: ReadonlySet<number>): void {
  const { columns } = w.input;
  const transferCode = columns.kindNames.indexOf('transfer');
  if (transferCode < 0) return;
  for (let i = 0; i < columns.count; i++) {
    if (columns.kindCodes[i] !== transferCode) continue;
    const other = columns.otherUserIds[i] as number;
    if (other < 0 || !users.has(other)) {
      w.newOutside++;
      continue;
    }
    w.newLegs.push({
      chain: columns.chain,
      rowId: columns.ids[i] as number,
      timestamp: columns.timestamps[i] as number,
      amount: formatFixed(columns.changes[i] as bigint, columns.scale),
      otherUserId: other,
    });
  }
}

/** A carry's findings, less "unknown type" findings stored before that type got its own kind (see canonicalKind). */
function carriedFindings(carry: ChainCarry | null): Finding[] {
  const findings = carry?.findings ?? [];
  return findings.filter((f) => f.kind !== 'unknown-type' || canonicalKind(`unknown:${f.actual ?? ''}`).startsWith('unknown:'));
}

/** One info finding per chain and unknown type, at its first row (kept in the carry afterwards). */
function unknownTypeFindings(columns: ChainColumns, carry: ChainCarry | null): Finding[] {
  const seen = new Set((carry?.findings ?? []).filter((f) => f.kind === 'unknown-type').map((f) => f.actual));
  const firstRow = new Map<number, number>();
  columns.kindNames.forEach((name, code) => {
    if (name.startsWith('unknown:') && !seen.has(name.slice('unknown:'.length))) firstRow.set(code, -1);
  });
  if (firstRow.size === 0) return [];
  for (let i = 0; i < columns.count; i++) {
    const code = columns.kindCodes[i] as number;
    if (firstRow.get(code) === -1) firstRow.set(code, i);
  }
  const out: Finding[] = [];
  for (const [code, i] of firstRow) {
    if (i < 0) continue;
    const type = (columns.kindNames[code] as string).slice('unknown:'.length);
    out.push({
      kind: 'unknown-type',
      severity: 'info',
      chain: columns.chain,
      rowId: columns.ids[i] as number,
      timestamp: columns.timestamps[i] as number,
      message: `Row type "${type}" is new to this app: its rows are kept and totalled under their own name`,
      expected: null,
      actual: type,
      difference: null,
      relatedRowIds: [],
    });
  }
  return out;
}
