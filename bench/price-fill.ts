/// <reference lib="dom" />
/**
 * Runs in the page (Chromium): what the USD values of an export need, written straight into the app's
 * IndexedDB as the price download writes it: the account (its price source), one delivery price per day
 * of btc_usd and eth_usd over the history, and each index's state. USDC rows are valued at par.
 * Also the raw read the export is compared with: every ledgerRows page of the account read from
 * IndexedDB with nothing done to the rows. Self-contained: Playwright serialises these into the page.
 */
export interface PriceFillArgs {
  readonly accountKey: string;
  readonly fromMs: number;
  readonly toMs: number;
}

export async function fillPrices(args: PriceFillArgs): Promise<number> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const DAY = 86_400_000;
  const first = Math.floor(args.fromMs / DAY) - 1;
  const last = Math.floor(args.toMs / DAY) + 1;
  let written = 0;
  await new Promise<void>((res, rej) => {
    const tx = db.transaction(['accounts', 'prices', 'priceState'], 'readwrite');
    tx.objectStore('accounts').put({
      accountKey: args.accountKey, label: 'Bench account', environment: 'mainnet', baseUrl: 'https://www.deribit.com/api/v2', mainUserId: 1001,
      username: 'bench', keys: [], syncKeyId: null, scope: null, addedAt: 0, demo: false,
    });
    for (const [indexName, base] of [['btc_usd', 60_000], ['eth_usd', 3_000]] as const) {
      for (let day = first; day <= last; day++) {
        const date = new Date(day * DAY).toISOString().slice(0, 10);
        const price = (base + (day % 97) * 13.1234).toFixed(4);
        tx.objectStore('prices').put({ source: 'mainnet', indexName, date, price });
        written++;
      }
      tx.objectStore('priceState').put({
        key: `mainnet|${indexName}`, source: 'mainnet', indexName, oldest: new Date(first * DAY).toISOString().slice(0, 10),
        newest: new Date(last * DAY).toISOString().slice(0, 10), reachedStart: false, unavailable: null, lastError: null, checkedAt: Date.now(),
      });
    }
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
  return written;
}

/** Every ledgerRows page of the account, 40 pages per getAll (as the export reads them); returns [ms, rows]. */
export async function readRawRows(accountKey: string): Promise<[number, number]> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const started = performance.now();
  let rows = 0;
  let lower: IDBValidKey | null = null;
  for (;;) {
    const batch = await new Promise<{ key: IDBValidKey; value: { rows: unknown[] } }[]>((res, rej) => {
      const tx = db.transaction('ledgerRows', 'readonly');
      const store = tx.objectStore('ledgerRows');
      const range = lower === null ? IDBKeyRange.bound(`${accountKey}|`, `${accountKey}|\uffff`) : IDBKeyRange.bound(lower, `${accountKey}|\uffff`, true);
      const values = store.getAll(range, 40);
      const keys = store.getAllKeys(range, 40);
      tx.oncomplete = () => res((values.result as { rows: unknown[] }[]).map((value, i) => ({ key: keys.result[i] as IDBValidKey, value })));
      tx.onerror = () => rej(tx.error);
    });
    if (batch.length === 0) break;
    for (const page of batch) rows += page.value.rows.length;
    lower = (batch[batch.length - 1] as { key: IDBValidKey }).key;
  }
  const ms = performance.now() - started;
  db.close();
  return [ms, rows];
}
