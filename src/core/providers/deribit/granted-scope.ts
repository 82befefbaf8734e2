/**
 * Judges the scope Deribit actually granted. The server may grant less than asked and a key may allow far
 * more than this read-only app needs, so the user is told plainly what the key can do and what to change.
 */
import type { GrantedScope } from './types';

const READ_ONLY_ADVICE =
  'Create a read-only API key with only account:read and wallet:read for this app, and disable or delete this one if you do not need it elsewhere.';

/** What each write scope lets anyone holding this key do, in the user's words. */
const WRITE_SCOPE_RISKS: Readonly<Record<string, string>> = {
  trade: 'place and cancel orders and close positions',
  wallet: 'withdraw funds and transfer them between accounts',
  account: 'change account settings, create subaccounts and manage API keys',
  block_trade: 'execute block trades',
  block_rfq: 'create and answer block RFQs (trades)',
  custody: 'move funds held with a custodian',
};

/** `x:read_write` includes `x:read`; `x:none` grants nothing. */
function allowsRead(tokens: readonly string[], area: string): boolean {
  return tokens.includes(`${area}:read`) || tokens.includes(`${area}:read_write`);
}

export function evaluateScope(scope: string): GrantedScope {
  const tokens = scope.split(/\s+/).filter((t) => t.length > 0);
  const warnings: string[] = [];

  for (const token of tokens) {
    const match = /^([a-z_]+):read_write$/.exec(token);
    if (!match?.[1]) continue;
    const area = match[1];
    const risk = WRITE_SCOPE_RISKS[area] ?? `make changes (${area})`;
    warnings.push(
      `This key has ${token}: anyone holding it can ${risk}. The reconciler only reads. ${READ_ONLY_ADVICE}`,
    );
  }

  const insufficient = !allowsRead(tokens, 'account');
  if (insufficient) {
    warnings.push(
      'This key lacks account:read, so the transaction log, access log and balances cannot be downloaded. ' +
        'Edit the key on Deribit (Account > API) to add account:read, or create a read-only key with account:read and wallet:read.',
    );
  }
  if (!allowsRead(tokens, 'wallet')) {
    warnings.push(
      'This key lacks wallet:read: syncing works, but deposits and withdrawals cannot be cross-checked. ' +
        'Add wallet:read to the key (read-only) to enable that check.',
    );
  }

  return { scope, tokens, warnings, insufficient };
}
