/**
 * Asks before an irreversible step, offering one or more ways to take it (e.g. "Remove key only" /
 * "Remove key and cached data"). A modal <dialog>: focus starts on Cancel (so Enter alone never
 * confirms), Escape cancels, a failure is shown in place and the dialog stays open.
 */
import { useId, useState, type ReactNode } from 'react';
import { toShownError } from '../../state/error-message';
import { useModalDialog } from './use-modal-dialog';

export interface ConfirmAction {
  readonly label: string;
  readonly danger?: boolean;
  readonly run: () => Promise<void>;
}

export interface ConfirmDialogProps {
  readonly title: string;
  readonly description: ReactNode;
  readonly actions: readonly ConfirmAction[];
  readonly onClose: () => void;
}

export function ConfirmDialog({ title, description, actions, onClose }: ConfirmDialogProps) {
  const { dialog, initialFocus, close } = useModalDialog<HTMLButtonElement>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  const run = async (action: ConfirmAction): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action.run();
      close();
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
        {actions.map((action) => (
          <button key={action.label} type="button" className={action.danger ? 'button button--danger' : 'button'} disabled={busy} onClick={() => void run(action)}>
            {action.label}
          </button>
        ))}
        <button type="button" ref={initialFocus} className="button" disabled={busy} onClick={close}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
