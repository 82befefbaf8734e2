/**
 * Tie-out in the worker: each chain's newest cached balance (the carried state of the last reconcile
 * run, so no row is read) against the live balance the UI fetched.
 */
import { tieOut } from '../../core/recon/tie-out';
import { chainKeyOf, type Finding } from '../../core/recon/types';
import type { ReconcilerDatabase } from '../db/database';
import type { RequestBodies, TieOutOutcome } from './protocol';

export async function tieOutChains(db: ReconcilerDatabase, request: RequestBodies['tieOut']): Promise<TieOutOutcome> {
  const keys = request.live.map((l) => chainKeyOf(l.chain));
  const carries = await db.reconState.bulkGet(keys);
  const tieOuts: TieOutOutcome['tieOuts'][number][] = [];
  const findings: Finding[] = [];
  for (const [i, live] of request.live.entries()) {
    const carry = carries[i];
    const result = tieOut(carry?.lastBalance ?? null, carry?.lastTimestamp ?? null, live.summary, live.liveAt, {
      chain: live.chain,
      newestRowId: carry?.lastId ?? null,
    });
    tieOuts.push({ chainKey: keys[i] ?? chainKeyOf(live.chain), tieOut: result.tieOut });
    if (result.finding !== null) findings.push(result.finding);
  }
  return { tieOuts, findings };
}
