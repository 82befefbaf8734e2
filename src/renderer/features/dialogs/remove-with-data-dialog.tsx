/**
 * Confirms removing something that has cached data (a login source) and asks what happens to that
 * data: kept (still browsable offline) or deleted with it.
 */
import type { ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';

export interface RemoveWithDataDialogProps {
  readonly title: string;
  readonly description: ReactNode;
  readonly keepDataLabel: string;
  readonly deleteDataLabel: string;
  readonly remove: (deleteCachedData: boolean) => Promise<void>;
  readonly onClose: () => void;
}

export function RemoveWithDataDialog({ title, description, keepDataLabel, deleteDataLabel, remove, onClose }: RemoveWithDataDialogProps) {
  return (
    <ConfirmDialog
      title={title}
      description={<p>{description}</p>}
      actions={[
        { label: keepDataLabel, run: () => remove(false) },
        { label: deleteDataLabel, danger: true, run: () => remove(true) },
      ]}
      onClose={onClose}
    />
  );
}
