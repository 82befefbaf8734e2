/**
 * user_seq gaps and duplicates. Whether Deribit numbers a user's rows across currencies or per
 * currency is undocumented, so both readings are checked and the one with fewer anomalies wins, per user.
 * Streaming over new rows with a carried state, so incremental runs equal a full run. Per-user gaps are
 * kept as holes: a later row of another currency (synced later) may fill them.
 */
import type { ChainColumns } from './chain-columns';
import { chainKeyOf, type ChainCarry, type ChainId, type Finding, type SeqHole, type SeqScheme, type UserSeqCarry } from './types';

export interface UserSeqInput {
  readonly columns: ChainColumns;
  readonly carry: ChainCarry | null;
}

export interface SequenceCheckResult {
  /** Every current sequence finding of the user (carried and new), chosen scheme only. */
  readonly findings: Finding[];
  readonly carry: UserSeqCarry;
  /** Gap findings per chain key. */
  readonly gapsByChain: ReadonlyMap<string, number>;
  readonly scheme: SeqScheme;
  /** The carried scheme no longer explains the data best: the user's chains need a full run. */
  readonly schemeChanged: boolean;
}

const SCHEME_WORDS: Readonly<Record<SeqScheme, string>> = {
  'per-user': 'numbering judged per user across currencies',
  'per-currency': 'numbering judged per currency',
};

function gapFinding(chain: ChainId, from: number, count: number, rowId: number, timestamp: number, scheme: SeqScheme): Finding {
  const range = count === 1 ? `user_seq ${from} is` : `user_seq ${from}–${from + count - 1} are`;
  return {
    kind: 'sequence-gap', severity: 'error', chain, rowId, timestamp,
    message: `${range} missing before this row (${count} row${count === 1 ? '' : 's'}; ${SCHEME_WORDS[scheme]})`,
    expected: String(from), actual: null, difference: String(count), relatedRowIds: [],
  };
}

function duplicateFinding(chain: ChainId, seq: number, rowId: number, timestamp: number, related: number | null, scheme: SeqScheme): Finding {
  return {
    kind: 'sequence-duplicate', severity: 'error', chain, rowId, timestamp,
    message: `user_seq ${seq} appears on more than one row (${SCHEME_WORDS[scheme]})`,
    expected: null, actual: String(seq), difference: null, relatedRowIds: related === null ? [] : [related],
  };
}

/** The freshest user snapshot among the chain carries. */
function carriedUserState(chains: readonly UserSeqInput[]): UserSeqCarry | null {
  let best: UserSeqCarry | null = null;
  for (const { carry } of chains) {
    const state = carry?.userSeq;
    if (state && (best === null || state.rows > best.rows)) best = state;
  }
  return best;
}

export function checkUserSequence(chains: readonly UserSeqInput[]): SequenceCheckResult {
  const carried = carriedUserState(chains);
  // Per currency: counted first; findings are built only when this reading wins (it rarely does on
  // per-user numbered data, where every currency switch would look like a gap).
  const perCurrencyAnomalies = (carried?.perCurrencyAnomalies ?? 0) + perCurrencyPass(chains, null);
  // Per user: duplicate findings only while the reading can still win (on per-currency numbered data
  // nearly every row is a per-user duplicate, and building those findings to drop them is most of the cost).
  const perUser = perUserPass(chains, carried, perCurrencyAnomalies);
  const totalRows = (carried?.rows ?? 0) + chains.reduce((s, ch) => s + ch.columns.count, 0);
  const perUserAnomalies = perUser.holes.length + perUser.duplicates;
  const scheme: SeqScheme = perUserAnomalies <= perCurrencyAnomalies ? 'per-user' : 'per-currency';
  const schemeChanged = carried !== null && carried.scheme !== scheme;
  // Carried findings of the chosen scheme (per-user gaps are rebuilt from holes below).
  const kept: Finding[] = carried !== null && !schemeChanged ? [...carried.findings] : [];
  if (scheme === 'per-currency') {
    perCurrencyPass(chains, kept);
  } else {
    kept.push(...perUser.duplicateFindings);
  }
  const findings = [...kept];
  if (scheme === 'per-user') {
    for (const h of perUser.holes) findings.push(gapFinding(h.chain, h.from, h.count, h.rowId, h.timestamp, scheme));
  }
  const gapsByChain = new Map<string, number>();
  for (const f of findings) {
    if (f.kind === 'sequence-gap') gapsByChain.set(chainKeyOf(f.chain), (gapsByChain.get(chainKeyOf(f.chain)) ?? 0) + 1);
  }
  return {
    findings,
    scheme,
    schemeChanged,
    gapsByChain,
    carry: {
      scheme,
      rows: totalRows,
      minSeq: perUser.minSeq,
      minRow: perUser.minRow,
      maxSeq: perUser.maxSeq,
      holes: perUser.holes,
      perUserDuplicates: perUser.duplicates,
      perCurrencyAnomalies,
      findings: kept,
    },
  };
}

/** Per-currency anomalies of the new rows: counted, and pushed as findings when `out` is given. */
function perCurrencyPass(chains: readonly UserSeqInput[], out: Finding[] | null): number {
  let anomalies = 0;
  for (const { columns, carry } of chains) {
    let prevSeq = carry ? carry.lastUserSeq : -Infinity;
    let prevId = carry ? carry.lastId : -1;
    const { userSeqs, ids } = columns;
    for (let i = 0; i < columns.count; i++) {
      const seq = userSeqs[i] as number;
      if (prevSeq !== -Infinity && (seq === prevSeq || seq > prevSeq + 1)) {
        anomalies++;
        if (out !== null) {
          const rowId = ids[i] as number;
          const timestamp = columns.timestamps[i] as number;
          out.push(seq === prevSeq
            ? duplicateFinding(columns.chain, seq, rowId, timestamp, prevId, 'per-currency')
            : gapFinding(columns.chain, prevSeq + 1, seq - prevSeq - 1, rowId, timestamp, 'per-currency'));
        }
      }
      prevSeq = seq;
      prevId = ids[i] as number;
    }
  }
  return anomalies;
}

interface PerUserState {
  minSeq: number;
  minRow: UserSeqCarry['minRow'];
  maxSeq: number;
  holes: SeqHole[];
  duplicates: number;
  duplicateFindings: Finding[];
}

/**
 * Merges the user's new rows of every currency in (user_seq, id) order against the carried holes.
 * Duplicates only ever add up, so once they exceed `findingsBudget` (the other reading's anomalies) this
 * reading has lost: the rest are counted, not built.
 */
function perUserPass(chains: readonly UserSeqInput[], carried: UserSeqCarry | null, findingsBudget: number): PerUserState {
  const st: PerUserState = {
    minSeq: carried?.minSeq ?? -1,
    minRow: carried?.minRow ?? null,
    maxSeq: carried?.maxSeq ?? -1,
    holes: carried ? [...carried.holes] : [],
    duplicates: carried?.perUserDuplicates ?? 0,
    duplicateFindings: [],
  };
  const seen = st.maxSeq >= 0;
  const cursors = chains.map(() => 0);
  let prevSeq = -1;
  let prevId = -1;
  let first = !seen;
  for (;;) {
    // k-way merge: a user has a handful of currencies, so a linear scan for the minimum is cheapest.
    let best = -1;
    let bestSeq = Infinity;
    let bestId = Infinity;
    for (let c = 0; c < chains.length; c++) {
      const { columns } = chains[c] as UserSeqInput;
      const i = cursors[c] as number;
      if (i >= columns.count) continue;
      const s = columns.userSeqs[i] as number;
      const id = columns.ids[i] as number;
      if (s < bestSeq || (s === bestSeq && id < bestId)) {
        best = c;
        bestSeq = s;
        bestId = id;
      }
    }
    if (best < 0) break;
    const { columns } = chains[best] as UserSeqInput;
    const i = cursors[best] as number;
    cursors[best] = i + 1;
    if (!first && bestSeq === st.maxSeq + 1) {
      // The common case: the next number.
      st.maxSeq = bestSeq;
      prevSeq = bestSeq;
      prevId = bestId;
      continue;
    }
    const timestamp = columns.timestamps[i] as number;
    const row = (): { chain: ChainId; rowId: number; timestamp: number } => ({ chain: columns.chain, rowId: bestId, timestamp });
    if (first) {
      st.minSeq = bestSeq;
      st.maxSeq = bestSeq;
      st.minRow = row();
      first = false;
    } else if (bestSeq > st.maxSeq) {
      if (bestSeq > st.maxSeq + 1) st.holes.push({ from: st.maxSeq + 1, count: bestSeq - st.maxSeq - 1, ...row() });
      st.maxSeq = bestSeq;
    } else if (bestSeq < st.minSeq) {
      // Older rows of a currency synced later: the run below the old minimum opens before its row.
      const old = st.minRow;
      if (old !== null && bestSeq < st.minSeq - 1) st.holes.unshift({ from: bestSeq + 1, count: st.minSeq - bestSeq - 1, ...old });
      st.minSeq = bestSeq;
      st.minRow = row();
    } else if (!fillHole(st.holes, bestSeq, row())) {
      st.duplicates++;
      if (st.duplicates <= findingsBudget) {
        const related = bestSeq === prevSeq ? prevId : carriedRowWithSeq(chains, bestSeq);
        st.duplicateFindings.push(duplicateFinding(columns.chain, bestSeq, bestId, timestamp, related, 'per-user'));
      }
    }
    prevSeq = bestSeq;
    prevId = bestId;
  }
  return st;
}

/** Removes `seq` from the hole holding it (splitting it); false when no hole holds it. */
function fillHole(holes: SeqHole[], seq: number, row: { chain: ChainId; rowId: number; timestamp: number }): boolean {
  let lo = 0;
  let hi = holes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = holes[mid] as SeqHole;
    if (seq < h.from) hi = mid - 1;
    else if (seq >= h.from + h.count) lo = mid + 1;
    else {
      const parts: SeqHole[] = [];
      if (seq > h.from) parts.push({ from: h.from, count: seq - h.from, ...row });
      if (seq < h.from + h.count - 1) parts.push({ ...h, from: seq + 1, count: h.from + h.count - 1 - seq });
      holes.splice(mid, 1, ...parts);
      return true;
    }
  }
  return false;
}

function carriedRowWithSeq(chains: readonly UserSeqInput[], seq: number): number | null {
  for (const { carry } of chains) if (carry && carry.lastUserSeq === seq) return carry.lastId;
  return null;
}

