/**
 * Asks before one irreversible step. A modal <dialog>: focus starts on Cancel (so Enter alone never
 * confirms), Escape cancels, a failure is shown in place and the dialog stays open.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { toShownError } from '../../state/error-message';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly description: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly confirm: () => Promise<void>;
  readonly onClose: () => void;
}

export function ConfirmDialog({ title, description, confirmLabel, danger = false, confirm, onClose }: ConfirmDialogProps) {
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

  const run = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await confirm();
      dialog.current?.close();
    } catch (e) {
      setError(toShownError(e).message);
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={descriptionId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <div id={descriptionId}>{description}</div>
      {error !== null ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className={danger ? 'button button--danger' : 'button button--primary'} disabled={busy} onClick={() => void run()}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancelButton} className="button" disabled={busy} onClick={() => dialog.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
