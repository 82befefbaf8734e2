/** Confirms removing a key; its transactions and access log can stay cached (browsable offline) or go with it. */
import type { AccountInfo } from '../../../shared/contract';
import { useAccounts } from '../../state/accounts-store';
import { RemoveWithDataDialog } from '../dialogs/remove-with-data-dialog';

export function RemoveAccountDialog({ account, onClose }: { readonly account: AccountInfo; readonly onClose: () => void }) {
  const remove = useAccounts((s) => s.remove);
  return (
    <RemoveWithDataDialog
      title={`Remove ${account.label}?`}
      description="The API key and its stored secret are removed from this app. The transactions and access log already downloaded for this account can stay on this computer (browsable offline), or be deleted too."
      keepDataLabel="Remove key only"
      deleteDataLabel="Remove key and cached data"
      remove={(deleteCachedData) => remove(account.accountKey, deleteCachedData)}
      onClose={onClose}
    />
  );
}
