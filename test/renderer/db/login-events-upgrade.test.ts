/** Schema v1 → v2: the Deribit access log cached before loginEvents existed becomes login events. */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcilerDatabase } from '../../../src/renderer/db/database';
import { buildLoginEventsFromAccessLog } from '../../../src/renderer/db/login-events-upgrade';
import { freshDatabase } from '../../support/sync-harness';

const opened: ReconcilerDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
const track = (db: ReconcilerDatabase): ReconcilerDatabase => {
  opened.push(db);
  return db;
};

describe('v1 caches: the access log already cached becomes login events', () => {
  it('maps every cached access-log event once, whatever the chunking, and is idempotent', async () => {
    const db = track(freshDatabase());
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      accountKey: i % 3 === 0 ? 'acc_a' : 'acc_b', id: i + 1, timestamp: Date.UTC(2026, 0, 1) + i * 1000, ip: '198.51.100.7', country: 'CH', city: null,
      event: i % 10 === 0 ? 'disabled_tfa' : 'success', dataText: null, raw: `{"id":${i + 1}}`,
    }));
    await db.accessLog.bulkPut(rows as never);
    for (let run = 0; run < 2; run++) {
      await db.transaction('rw', db.accessLog, db.loginEvents, (tx) => buildLoginEventsFromAccessLog(tx));
    }
    const events = await db.loginEvents.toArray();
    expect(events.map((e) => e.key).sort()).toEqual(rows.map((r) => `${r.accountKey}|${r.id}`).sort());
    expect(events.filter((e) => e.kind === '2fa-disabled')).toHaveLength(450);
  });
});
