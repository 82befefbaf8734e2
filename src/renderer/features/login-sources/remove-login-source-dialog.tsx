/** Confirms removing a login source; its cached events can stay (browsable, still used by the correlation) or go with it. */
import type { LoginSourceInfo } from '../../../shared/contract';
import { useLoginSources } from '../../state/login-sources-store';
import { RemoveWithDataDialog } from '../dialogs/remove-with-data-dialog';

export function RemoveLoginSourceDialog({ source, onClose }: { readonly source: LoginSourceInfo; readonly onClose: () => void }) {
  const remove = useLoginSources((s) => s.remove);
  return (
    <RemoveWithDataDialog
      title={`Remove ${source.label}?`}
      description="The source and its stored secret are removed from this app. The login events already downloaded can stay on this computer (browsable offline), or be deleted too."
      keepDataLabel="Remove source only"
      deleteDataLabel="Remove source and cached events"
      remove={(deleteCachedData) => remove(source.sourceKey, deleteCachedData)}
      onClose={onClose}
    />
  );
}
