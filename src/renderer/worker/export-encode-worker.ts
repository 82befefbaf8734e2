/// <reference lib="webworker" />
/**
 * The export's second thread (export-split.ts): reads its share of a file's rows from IndexedDB and
 * encodes them, job after job in the order asked, sending each batch's bytes (transferred) and, after a
 * job's last batch, its counts. One worker per export, stopped by the export when it ends.
 */
import { DATABASE_NAME, ReconcilerDatabase } from '../db/database';
import { SegmentRunner, type HelperRequest, type HelperResponse } from './export-split';

declare const self: DedicatedWorkerGlobalScope;

const runner = new SegmentRunner(new ReconcilerDatabase(DATABASE_NAME));
let queue: Promise<unknown> = Promise.resolve();

const post = (message: HelperResponse, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

self.addEventListener('message', (event: MessageEvent<HelperRequest>) => {
  const m = event.data;
  if (m.type === 'setup') {
    queue = queue.then(() => runner.setup(m.setup));
    return;
  }
  queue = queue
    .then(() => runner.run(m.job, (bytes, rows) => post({ type: 'bytes', seq: m.seq, bytes, rows }, [bytes.buffer]), () => false))
    .then(
      (tally) => post({ type: 'done', seq: m.seq, tally }),
      (error: unknown) => post({ type: 'failed', seq: m.seq, message: error instanceof Error ? error.message : String(error) }),
    );
});
