import { describe, expect, it } from 'vitest';
import { periodForYear } from '../../../../src/core/recon/period';
import type { ReconciliationSection } from '../../../../src/core/recon/types';
import { exportSavedText } from '../../../../src/renderer/features/reconciliation/export-saved-text';

const section: ReconciliationSection = {
  generatedFrom: 'test', period: periodForYear(2025), rowsExported: 1234, chains: [], findings: [], summaries: [], sha256: 'ab'.repeat(32),
};
const base = { mimeType: 'application/zip', section, sidecar: null, bytes: 56789, elapsedMs: 1500 };

describe('the "Saved …" line', () => {
  it('a zip of a CSV and its sidecar names the zip and what it holds', () => {
    expect(
      exportSavedText({
        ...base,
        fileName: 'deribit-koinly-2025-UTC.zip',
        entries: [
          { fileName: 'deribit-koinly-2025-UTC.csv', rowsExported: 1234, username: null },
          { fileName: 'deribit-koinly-2025-UTC.csv.reconciliation.txt', rowsExported: null, username: null },
        ],
      }),
    ).toBe(
      'Saved deribit-koinly-2025-UTC.zip (deribit-koinly-2025-UTC.csv and deribit-koinly-2025-UTC.csv.reconciliation.txt): 1,234 rows, 56,789 bytes in 1.5 s. SHA-256 abababababababab…',
    );
  });

  it('per wallet: the number of files and the usernames', () => {
    const entries = ['main_user', 'sub_1'].flatMap((u) => [
      { fileName: `f-${u}.csv`, rowsExported: 1, username: u },
      { fileName: `f-${u}.csv.reconciliation.txt`, rowsExported: null, username: u },
    ]);
    expect(exportSavedText({ ...base, fileName: 'f-per-wallet.zip', entries })).toMatch(
      /^Saved f-per-wallet\.zip \(2 files, one per user: main_user, sub_1; each with its reconciliation\.txt\): 1,234 rows/,
    );
  });

  it('a file too large for a .zip: the file and its sidecar, and why there are two', () => {
    expect(
      exportSavedText({
        ...base,
        mimeType: 'text/csv',
        fileName: 'deribit-transactions-2025-UTC.csv',
        sidecar: { fileName: 'deribit-transactions-2025-UTC.csv.reconciliation.txt', text: '' },
        notZipped: '2,500,000 rows make a file too large for a .zip (4 GB at most)',
      }),
    ).toMatch(/^Saved deribit-transactions-2025-UTC\.csv and deribit-transactions-2025-UTC\.csv\.reconciliation\.txt: .* Two files, not one \.zip: 2,500,000 rows make a file too large for a \.zip \(4 GB at most\)\.$/);
  });

  it('a bare file (Beancount) is named alone', () => {
    expect(exportSavedText({ ...base, fileName: 'deribit-2025-UTC.beancount', mimeType: 'text/plain' })).toMatch(/^Saved deribit-2025-UTC\.beancount: 1,234 rows/);
  });
});
