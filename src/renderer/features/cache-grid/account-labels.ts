/** Account names for grids and filters; rows of a removed key (data kept) still get a readable name. */
import type { AccountInfo } from '../../../shared/contract';

export function accountLabeler(accounts: readonly AccountInfo[]): (accountKey: string) => string {
  const labels = new Map(accounts.map((a) => [a.accountKey, a.label]));
  return (accountKey) => labels.get(accountKey) ?? `${accountKey} (key removed)`;
}
