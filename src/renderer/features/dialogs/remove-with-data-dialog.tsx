/**
 * Confirms removing something that has cached data (an account key, a login source) and asks what
 * happens to that data: kept (still browsable offline) or deleted with it. A modal <dialog>: focus
 * stays inside, Escape cancels, a failure is shown in place and the dialog stays open.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { toShownError } from '../../state/error-message';

export interface RemoveWithDataDialogProps {
  readonly title: string;
  readonly description: ReactNode;
  readonly keepDataLabel: string;
  readonly deleteDataLabel: string;
  readonly remove: (deleteCachedData: boolean) => Promise<void>;
  readonly onClose: () => void;
}

export function RemoveWithDataDialog({ title, description, keepDataLabel, deleteDataLabel, remove, onClose }: RemoveWithDataDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // showModal focuses the first button; start on Cancel so Enter alone never removes anything.
    cancelButton.current?.focus();
    return () => element?.close();
  }, []);

  const confirm = async (deleteCachedData: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await remove(deleteCachedData);
      dialog.current?.close();
    } catch (e) {
      setError(toShownError(e).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={descriptionId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <p id={descriptionId}>{description}</p>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void confirm(false)}>
          {keepDataLabel}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void confirm(true)}>
          {deleteDataLabel}
        </button>
        <button type="button" ref={cancelButton} className="button" disabled={busy} onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
