/// <reference lib="dom" />
/**
 * Runs in the page (Chromium): writes a synthetic, valid history straight into the app's IndexedDB in the
 * shape the sync store writes it — ledger pages (reconciliation columns) and ledger-rows pages (full rows
 * for exports), 250 rows per page, three chains (one per currency) of one user. Balances chain exactly
 * (BigInt fixed point at 8 decimals), so a full reconciliation must report nothing.
 * Self-contained: Playwright serialises this function into the page.
 */
export interface LedgerFillArgs {
  readonly rows: number;
  readonly accountKey: string;
  readonly userId: number;
  /** Write the ledgerRows pages too (exports read them); reconciliation needs only the ledger. */
  readonly withRows: boolean;
  /** First id/user_seq/timestamp, so a second call can append newer rows. */
  readonly firstIndex: number;
}

export async function fillLedger(args: LedgerFillArgs): Promise<number> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const currencies = ['BTC', 'ETH', 'USDC'];
  const kindNames = ['deposit', 'trade-option', 'settlement', 'trade-future', 'withdrawal'];
  const PAGE = 250;
  const SCALE = 100_000_000n;
  const fmt = (v: bigint): string => {
    const neg = v < 0n;
    const a = neg ? -v : v;
    const frac = (a % SCALE).toString().padStart(8, '0').replace(/0+$/, '');
    return `${neg ? '-' : ''}${a / SCALE}${frac ? `.${frac}` : ''}`;
  };
  // Balances carried across calls through a global, so appended rows continue each chain.
  const carried = ((globalThis as unknown as { __benchBalances?: Map<string, bigint> }).__benchBalances ??= new Map());
  const started = performance.now();
  const perChain = Math.ceil(args.rows / currencies.length);
  for (const [c, currency] of currencies.entries()) {
    const chainKey = `${args.accountKey}|${args.userId}|${currency}`;
    let balance = carried.get(chainKey) ?? 0n;
    for (let start = 0; start < perChain; start += PAGE * 40) {
      await new Promise<void>((res, rej) => {
        const tx = db.transaction(args.withRows ? ['ledger', 'ledgerRows'] : ['ledger'], 'readwrite', { durability: 'relaxed' });
        for (let p = start; p < Math.min(perChain, start + PAGE * 40); p += PAGE) {
          const n = Math.min(PAGE, perChain - p);
          const ids = new Float64Array(n);
          const seqs = new Float64Array(n);
          const times = new Float64Array(n);
          const kinds = new Uint8Array(n);
          const changes = new BigInt64Array(n);
          const balances = new BigInt64Array(n);
          const commissions = new BigInt64Array(n);
          const others = new Float64Array(n).fill(-1);
          const rows: Record<string, unknown>[] = [];
          for (let k = 0; k < n; k++) {
            const i = args.firstIndex + p + k;
            const global = i * 3 + c;
            const kind = balance === 0n ? 0 : 1 + (global % 4);
            const magnitude = BigInt(1 + ((global * 7919) % 5_000_000));
            const change = kind === 0 ? 100n * SCALE : kind === 4 ? -(magnitude < balance ? magnitude : 0n) : global % 2 === 0 ? magnitude : -(magnitude < balance ? magnitude : 0n);
            const commission = kind === 1 || kind === 3 ? BigInt(global % 1250) : 0n;
            balance += change;
            ids[k] = 10_000_000 + global;
            seqs[k] = 1 + i;
            times[k] = 1_700_000_000_000 + global * 10_000;
            kinds[k] = kind;
            changes[k] = change;
            balances[k] = balance;
            commissions[k] = commission;
            if (args.withRows) {
              const type = kind === 1 || kind === 3 ? 'trade' : (kindNames[kind] ?? 'trade');
              rows.push({
                id: ids[k], userId: args.userId, userSeq: seqs[k], timestamp: times[k], currency, type, username: 'bench',
                instrumentName: kind === 1 ? `${currency}-27DEC24-50000-C` : kind === 3 ? `${currency}-PERPETUAL` : null,
                side: kind === 1 || kind === 3 ? 'open buy' : '-', change: fmt(change), balance: fmt(balance), cashflow: fmt(change),
                commission: fmt(commission), equity: fmt(balance), amount: kind === 1 || kind === 3 ? '10' : null, price: null,
                position: null, tradeId: null, orderId: null, ip: null, infoText: null,
                raw: `{"id":${ids[k]},"user_seq":${seqs[k]},"currency":"${currency}","type":"${type}","timestamp":${times[k]},"change":${fmt(change)},"balance":${fmt(balance)},"commission":${fmt(commission)}}`,
              });
            }
          }
          const minId = ids[0] ?? 0;
          const pageKey = `${chainKey}|${minId}`;
          tx.objectStore('ledger').put({
            pageKey, chainKey, accountKey: args.accountKey, userId: args.userId, currency, count: n,
            minId, maxId: ids[n - 1] ?? 0, minTimestamp: times[0] ?? 0, maxTimestamp: times[n - 1] ?? 0,
            ids, userSeqs: seqs, timestamps: times, kindCodes: kinds, kindNames, scale: 8,
            changes, balances, commissions, otherUserIds: others, ips: [], texts: null,
          });
          if (args.withRows) {
            tx.objectStore('ledgerRows').put({
              pageKey, chainKey, accountKey: args.accountKey, minTimestamp: times[0] ?? 0, maxTimestamp: times[n - 1] ?? 0, rows,
            });
          }
        }
        tx.oncomplete = () => res();
        tx.onerror = () => rej(tx.error);
      });
    }
    carried.set(chainKey, balance);
  }
  db.close();
  return performance.now() - started;
}

/** Runs in the page: one tx stream state per chain in the ledger, idle with a watermark, rowsStored = its ledger rows. */
export async function putTxStreams(args: { accountKey: string; userId: number }): Promise<void> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open('deribit-reconciler');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  const chains = new Map<string, { currency: string; rows: number; pages: number; first: number; last: number }>();
  await new Promise<void>((res, rej) => {
    const req = db.transaction('ledger').objectStore('ledger').index('accountKey').openCursor(IDBKeyRange.only(args.accountKey));
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor === null) return res();
      const p = cursor.value as { chainKey: string; currency: string; count: number; minTimestamp: number; maxTimestamp: number };
      const c = chains.get(p.chainKey) ?? { currency: p.currency, rows: 0, pages: 0, first: Infinity, last: -Infinity };
      chains.set(p.chainKey, { ...c, rows: c.rows + p.count, pages: c.pages + 1, first: Math.min(c.first, p.minTimestamp), last: Math.max(c.last, p.maxTimestamp) });
      cursor.continue();
    };
    req.onerror = () => rej(req.error);
  });
  // One sync completed every stream up to the same moment, as a real run does (its server start time).
  const syncedUpTo = Math.max(...[...chains.values()].map((c) => c.last));
  await new Promise<void>((res, rej) => {
    const tx = db.transaction('syncState', 'readwrite');
    for (const c of chains.values()) {
      tx.objectStore('syncState').put({
        streamKey: `tx|${args.accountKey}|${args.userId}|${c.currency}`, kind: 'tx', accountKey: args.accountKey, userId: args.userId, username: 'bench',
        currency: c.currency, phase: 'idle', windowStart: c.first, windowEnd: syncedUpTo, continuation: null, offset: 0, stopAtId: null,
        // A watermark means the first backfill finished: the history reaches account creation.
        watermark: syncedUpTo, oldestSeen: c.first, creationTimestamp: c.first, rowsStored: c.rows, pagesFetched: c.pages, lastSyncedAt: Date.now(), lastError: null,
      });
    }
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}
