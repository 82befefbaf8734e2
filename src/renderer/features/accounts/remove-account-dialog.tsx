/**
 * Confirms removing a key, and asks what happens to its cached data: kept (still browsable offline)
 * or deleted with it. A modal <dialog>: focus stays inside, Escape cancels.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { AccountInfo } from '../../../shared/contract';
import { useAccounts } from '../../state/accounts-store';
import { toShownError } from '../../state/error-message';

export function RemoveAccountDialog({ account, onClose }: { readonly account: AccountInfo; readonly onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useAccounts((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const confirm = async (deleteCachedData: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await remove(account.accountKey, deleteCachedData);
      dialog.current?.close();
    } catch (e) {
      setError(toShownError(e).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={descriptionId} onClose={onClose}>
      <h2 id={titleId}>Remove {account.label}?</h2>
      <p id={descriptionId}>
        The API key and its stored secret are removed from this app. The transactions and access log already downloaded
        for this account can stay on this computer (browsable offline), or be deleted too.
      </p>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void confirm(false)}>
          Remove key only
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm(true)}>
          Remove key and cached data
        </button>
        <button type="button" className="button" disabled={busy} autoFocus onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
