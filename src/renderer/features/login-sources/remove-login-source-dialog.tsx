/**
 * Confirms removing a login source, and asks what happens to its cached events: kept (still browsable and
 * used by the correlation) or deleted with it. A modal <dialog>: focus stays inside, Escape cancels.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { LoginSourceInfo } from '../../../shared/contract';
import { toShownError } from '../../state/error-message';
import { useLoginSources } from '../../state/login-sources-store';

export function RemoveLoginSourceDialog({ source, onClose }: { readonly source: LoginSourceInfo; readonly onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useLoginSources((s) => s.remove);
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
      await remove(source.sourceKey, deleteCachedData);
      dialog.current?.close();
    } catch (e) {
      setError(toShownError(e).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={descriptionId} onClose={onClose}>
      <h2 id={titleId}>Remove {source.label}?</h2>
      <p id={descriptionId}>
        The source and its stored secret are removed from this app. The login events already downloaded can stay on this
        computer (browsable offline), or be deleted too.
      </p>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void confirm(false)}>
          Remove source only
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm(true)}>
          Remove source and cached events
        </button>
        <button type="button" className="button" disabled={busy} autoFocus onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
