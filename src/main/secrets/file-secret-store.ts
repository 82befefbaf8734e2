/**
 * Browser mode's secret store: a JSON file readable only by the user (mode 0600), written atomically.
 * There is no OS keychain to ask outside Electron, so the file's permissions are the protection; the
 * README says so. The mode is checked (and tightened) when the store is opened.
 */
import type { SecretStore } from '../secret-store';
import { ensurePrivateMode, openPrivateJsonFile } from './private-json-file';

export async function createFileSecretStore(filePath: string): Promise<SecretStore> {
  await ensurePrivateMode(filePath);
  const file = openPrivateJsonFile(filePath);
  return {
    description: `File readable only by your user (mode 0600): ${filePath}`,
    get: (accountKey) =>
      file.update((entries) => ({ result: Object.hasOwn(entries, accountKey) ? (entries[accountKey] ?? null) : null })),
    set: (accountKey, secret) =>
      file.update((entries) => ({ entries: { ...entries, [accountKey]: secret }, result: undefined })),
    delete: (accountKey) =>
      file.update((entries) => {
        if (!Object.hasOwn(entries, accountKey)) return { result: undefined };
        const { [accountKey]: _removed, ...rest } = entries;
        return { entries: rest, result: undefined };
      }),
  };
}
