/**
 * Zipped and per-wallet exports, in Node over fake-indexeddb with rows synced from the simulator: the
 * zip holds the CSV and its sidecar, re-runs give the same zip bytes, and per wallet every Deribit user
 * gets a file of its own (named after the username) holding exactly its rows.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodForYear } from '../../../src/core/recon/period';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { exportPeriod, walletFileName, zipFileName } from '../../../src/renderer/worker/export-stream';
import { zipWriter } from '../../../src/renderer/worker/export-zip';
import { ChainColumnsCache } from '../../../src/renderer/worker/ledger-reader';
import { readHistoryBounds } from '../../../src/renderer/worker/period-bounds';
import type { ReconcileDeps } from '../../../src/renderer/worker/reconcile-accounts';
import type { DeribitSim } from '../../sim/deribit/index';
import { csvObjects } from '../../support/csv-parse';
import { fastClient, freshDatabase, smallDataset, startFastSim, syncOnce } from '../../support/sync-harness';
import { collectingChannel } from '../../support/collecting-channel';

const ACCOUNT = 'acc_zip';
const CURRENCIES = ['BTC', 'ETH', 'USDC'];
const END = Date.UTC(2026, 2, 1);
const START = Date.UTC(2025, 1, 1);
const PERIOD = periodForYear(2025, 'UTC');
let sim: DeribitSim;
let db: ReconcilerDatabase;
let deps: ReconcileDeps;

/** Collects the raw bytes the worker would post. */
async function run(
  options: { format?: 'transactions-csv' | 'koinly-csv' | 'beancount'; zip?: boolean; perWallet?: boolean; beancountLayout?: 'standalone' | 'continuation'; period?: typeof PERIOD },
  limits: { zipMaxRows?: number; zipMaxBytes?: number } = {},
) {
  const { ch, bytes } = collectingChannel();
  const outcome = await exportPeriod(
    deps,
    { accountKeys: [ACCOUNT], period: options.period ?? PERIOD, format: options.format ?? 'transactions-csv', accountLabels: [[ACCOUNT, 'Sim']], zip: options.zip, perWallet: options.perWallet, beancountLayout: options.beancountLayout },
    ch,
    limits,
  );
  return { outcome, bytes: bytes() };
}

const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
const truthInYear = (userId: number, currency: string) =>
  sim.truthTransactions(userId, currency).filter((r) => r.timestamp >= PERIOD.fromMs && r.timestamp < PERIOD.toMs);

beforeAll(async () => {
  sim = await startFastSim({ dataset: smallDataset({ rowsPerStream: 120, accessLogEvents: 5, startTime: START, endTime: END }) });
  db = freshDatabase();
  deps = { db, columns: new ChainColumnsCache(db), now: () => performance.now() };
  await syncOnce({ client: fastClient(sim), db, accountKey: ACCOUNT });
});

afterAll(async () => {
  db.close();
  await sim.close();
});

describe('zipped exports', () => {
  it('one .zip holds the CSV and its sidecar, the same bytes as the bare export, and the zip is byte-identical on a re-run', async () => {
    const bare = await run({});
    const first = await run({ zip: true });
    const again = await run({ zip: true });
    expect(first.outcome.fileName).toBe('deribit-transactions-2025-UTC.zip');
    expect(first.outcome.mimeType).toBe('application/zip');
    expect(first.outcome.sidecar).toBeNull();
    expect(first.outcome.bytes).toBe(first.bytes.length);
    const files = unzipSync(first.bytes);
    expect(Object.keys(files)).toEqual([bare.outcome.fileName, `${bare.outcome.fileName}.reconciliation.txt`]);
    expect(text(files[bare.outcome.fileName])).toBe(text(bare.bytes));
    expect(text(files[`${bare.outcome.fileName}.reconciliation.txt`])).toBe(bare.outcome.sidecar?.text);
    expect(first.outcome.section.sha256).toBe(bare.outcome.section.sha256);
    expect(first.outcome.section.rowsExported).toBeGreaterThan(0);
    expect(createHash('sha256').update(again.bytes).digest('hex')).toBe(createHash('sha256').update(first.bytes).digest('hex'));
    expect(first.outcome.entries?.map((e) => e.fileName)).toEqual(Object.keys(files));
  });

  it('entries carry a fixed time (1980-01-01 00:00), not the time of the run', async () => {
    const { bytes } = await run({ zip: true });
    // Local file header: signature, version, flags, method, then DOS time and date (little-endian).
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.readUInt16LE(10)).toBe(0);
    expect(bytes.readUInt16LE(12)).toBe((0 << 9) | (1 << 5) | 1);
  });

  it('a format whose file carries its own section zips to that one file', async () => {
    const bare = await run({ format: 'beancount' });
    const zipped = await run({ format: 'beancount', zip: true });
    expect(bare.outcome.sidecar).toBeNull();
    expect(Object.keys(unzipSync(zipped.bytes))).toEqual([bare.outcome.fileName]);
  });

  it('a Beancount export asked to continue the previous year opens nothing that year opened', async () => {
    // Every chain began in 2025: the 2026 continuation opens none and posts no opening balance.
    const period = periodForYear(2026, 'UTC');
    const standalone = text((await run({ format: 'beancount', period })).bytes);
    const continued = await run({ format: 'beancount', period, beancountLayout: 'continuation' });
    const opens = (t: string) => t.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} open /.test(l)).length;
    expect(opens(standalone)).toBeGreaterThan(0);
    expect(opens(text(continued.bytes))).toBe(0);
    expect(continued.outcome.fileName).toContain('continued');
  });
});

describe('exports too large for a .zip (4 GB at most, no Zip64)', () => {
  it('one file above ZIP_MAX_ROWS is saved as it is with its sidecar beside it, and says why', async () => {
    const bare = await run({});
    const large = await run({ zip: true }, { zipMaxRows: 10 });
    expect(large.outcome.fileName).toBe(bare.outcome.fileName);
    expect(large.bytes.equals(bare.bytes)).toBe(true);
    expect(large.outcome.sidecar).toEqual(bare.outcome.sidecar);
    expect(large.outcome.notZipped).toBe(`${large.outcome.section.rowsExported.toLocaleString('en-US')} rows make a file too large for a .zip (4 GB at most)`);
    expect((await run({ zip: true })).outcome.notZipped).toBeUndefined();
  });

  it('a zip that would pass the limit (per wallet: no other way) fails with a clear line instead of a corrupt file', async () => {
    await expect(run({ perWallet: true }, { zipMaxBytes: 5000 })).rejects.toThrow(/larger than .* GB, more than a \.zip file can hold\. Export a shorter period/);
  });

  it('the zip writer refuses the byte that would pass the limit', () => {
    const parts: Uint8Array[] = [];
    const zip = zipWriter((b) => parts.push(b), { compress: false, maxBytes: 100 });
    zip.begin('a.csv');
    zip.write(new Uint8Array(60));
    zip.write(new Uint8Array(40));
    expect(() => zip.write(new Uint8Array(1))).toThrow(/more than a \.zip file can hold/);
  });
});

describe('zip writer', () => {
  it.each([true, false])('compress %s: entries read back as written, the same bytes every time', (compress) => {
    const write = (): Buffer => {
      const parts: Uint8Array[] = [];
      const zip = zipWriter((b) => parts.push(b), { compress });
      zip.begin('a.csv');
      zip.write('id,change\r\n');
      zip.write(new TextEncoder().encode('1,0.5\r\n'.repeat(1000)));
      zip.begin('a.csv.reconciliation.txt');
      zip.write('SHA-256 …');
      zip.end();
      return Buffer.concat(parts);
    };
    const bytes = write();
    const files = unzipSync(bytes);
    expect(text(files['a.csv'])).toBe(`id,change\r\n${'1,0.5\r\n'.repeat(1000)}`);
    expect(text(files['a.csv.reconciliation.txt'])).toBe('SHA-256 …');
    expect(Buffer.compare(write(), bytes)).toBe(0);
    // Stored: the entry's bytes appear as they are; deflated: much smaller.
    expect(bytes.length < 2000).toBe(compress);
  });

  it('stored: every entry\'s CRC-32 in the central directory is that of its bytes (any chunking); its data goes on uncopied', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 700 }), { minLength: 1, maxLength: 8 }), fc.string(), (chunks, sidecar) => {
      const parts: Uint8Array[] = [];
      const zip = zipWriter((b) => parts.push(b), { compress: false });
      zip.begin('a.csv');
      for (const chunk of chunks) zip.write(chunk);
      zip.begin('a.csv.reconciliation.txt');
      zip.write(sidecar);
      zip.end();
      const bytes = Buffer.concat(parts);
      const files = unzipSync(bytes);
      expect(Buffer.from(files['a.csv'] ?? [])).toEqual(Buffer.concat(chunks));
      expect(centralCrcs(bytes)).toEqual({ 'a.csv': crc32(Buffer.concat(chunks)), 'a.csv.reconciliation.txt': crc32(sidecar) });
      // Handed over: the very chunks written reach the sink (the sink may transfer them), not copies.
      for (const chunk of chunks) if (chunk.length > 0) expect(parts.includes(chunk)).toBe(true);
    }), { numRuns: 300 });
  });
});

/** Each entry's CRC-32 as the zip's central directory records it (read here, not by fflate). */
function centralCrcs(zip: Buffer): Record<string, number> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const crcs: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    crcs[zip.toString('utf8', at + 46, at + 46 + nameLength)] = zip.readUInt32LE(at + 16);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return crcs;
}

describe('per-wallet exports', () => {
  it('one file per Deribit user, named after the username, each with exactly its rows and its own sidecar', async () => {
    const whole = await run({});
    const { outcome, bytes } = await run({ perWallet: true });
    expect(outcome.fileName).toBe('deribit-transactions-2025-UTC-per-wallet.zip');
    const files = unzipSync(bytes);
    const users = [...sim.users].sort((a, b) => a.userId - b.userId);
    expect(users.length).toBeGreaterThan(1);
    expect(Object.keys(files)).toEqual(
      users.flatMap((u) => {
        const name = walletFileName(whole.outcome.fileName, u.username);
        return [name, `${name}.reconciliation.txt`];
      }),
    );
    let rows = 0;
    for (const u of users) {
      const name = `deribit-transactions-2025-UTC-${u.username.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
      const csv = csvObjects(text(files[name]));
      expect(new Set(csv.rows.map((r) => r.user_id))).toEqual(new Set([String(u.userId)]));
      const truthIds = CURRENCIES.flatMap((c) => truthInYear(u.userId, c).sort((a, b) => a.userSeq - b.userSeq || a.id - b.id).map((r) => r.id));
      expect(csv.rows.map((r) => Number(r.id))).toEqual(truthIds);
      const body = text(files[name]);
      const sidecar = text(files[`${name}.reconciliation.txt`]);
      expect(sidecar).toContain(createHash('sha256').update(body.slice(body.indexOf('\r\n') + 2), 'utf8').digest('hex'));
      rows += truthIds.length;
    }
    expect(outcome.section.rowsExported).toBe(rows);
    expect(outcome.section.rowsExported).toBe(whole.outcome.section.rowsExported);
    // Together the wallets' data rows are the whole export's, in the same order.
    expect(outcome.section.sha256).toBe(whole.outcome.section.sha256);
    expect(outcome.entries?.filter((e) => e.rowsExported !== null).map((e) => e.username)).toEqual(users.map((u) => u.username));
    const again = await run({ perWallet: true });
    expect(Buffer.compare(again.bytes, bytes)).toBe(0);
  });

  it('Koinly per wallet: each file holds only its user’s lines', async () => {
    const { bytes } = await run({ format: 'koinly-csv', perWallet: true });
    const names = Object.keys(unzipSync(bytes)).filter((n) => n.endsWith('.csv'));
    expect(names.length).toBe(sim.users.length);
    for (const u of sim.users) expect(names.some((n) => n.endsWith(`-${u.username.replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`))).toBe(true);
  });

  it('file names: the username before the extension, only safe characters; the zip named after the export', () => {
    expect(walletFileName('deribit-koinly-2025-UTC.csv', 'alice')).toBe('deribit-koinly-2025-UTC-alice.csv');
    expect(walletFileName('deribit-koinly-2025-UTC.csv', 'a/b c')).toBe('deribit-koinly-2025-UTC-a_b_c.csv');
    expect(zipFileName('deribit-koinly-2025-UTC.csv', false)).toBe('deribit-koinly-2025-UTC.zip');
    expect(zipFileName('deribit-koinly-2025-UTC.csv', true)).toBe('deribit-koinly-2025-UTC-per-wallet.zip');
  });
});

describe('history bounds', () => {
  it('first and last row time of the accounts, from the first and last ledger page of each chain', async () => {
    const all = sim.users.flatMap((u) => CURRENCIES.flatMap((c) => sim.truthTransactions(u.userId, c).map((r) => r.timestamp)));
    expect(await readHistoryBounds(db, [ACCOUNT])).toEqual({ firstMs: Math.min(...all), lastMs: Math.max(...all) });
    expect(await readHistoryBounds(db, ['nobody'])).toBeNull();
  });
});
