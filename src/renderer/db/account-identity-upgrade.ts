/** Schema v3 upgrade: per-key histories re-keyed to their Deribit account and merged (filled in by the identity work). */
import type { Transaction } from 'dexie';

export async function mergeAccountHistories(_tx: Transaction): Promise<void> {
  // Written with the identity change.
}
