/**
 * "Show this event in Login events": the filter that holds it (its source, nothing else) and its position
 * in the grid's default order (newest first), counted through the [sourceKey+timestamp] index — the walk
 * the grid reads, ties in primary-key order.
 */
import type { LoginEvent } from '../../../core/logins/types';
import type { ReconcilerDatabase } from '../../db/database';
import { DEFAULT_LOGIN_EVENT_SORT, type LoginEventFilter } from './login-event-query-plan';

export interface LoginEventRevealTarget {
  readonly row: LoginEvent;
  readonly filter: LoginEventFilter;
  /** Row index in the grid under `filter` and the default sort. */
  readonly index: number;
}

export async function locateLoginEvent(db: ReconcilerDatabase, key: string): Promise<LoginEventRevealTarget | null> {
  const row = await db.loginEvents.get(key);
  if (row === undefined) return null;
  const index = db.loginEvents.where('[sourceKey+timestamp]');
  const descending = DEFAULT_LOGIN_EVENT_SORT.descending;
  const before = descending
    ? await index.between([row.sourceKey, row.timestamp], [row.sourceKey, Infinity], false, true).count()
    : await index.between([row.sourceKey, -Infinity], [row.sourceKey, row.timestamp], true, false).count();
  // Equal timestamps: a reverse walk meets larger primary keys first, a forward walk smaller ones.
  const tiedBefore = await index
    .equals([row.sourceKey, row.timestamp])
    .filter((r) => (descending ? r.key > key : r.key < key))
    .count();
  return { row, filter: { sourceKey: row.sourceKey, kind: null, search: '' }, index: before + tiedBefore };
}
