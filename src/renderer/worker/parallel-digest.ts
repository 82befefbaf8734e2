/**
 * An export's rows digest, as the export stream uses it: fed the bytes of each batch, settled once
 * after the last one (then hex() answers), disposed when the export ends however it ends.
 * ParallelDigest hashes in a worker of its own (digest-worker.ts); inlineDigest on this thread (Node
 * tests, and wherever no worker can be started).
 */
import { ExportDigest, type RowsDigest } from '../../core/export/export-digest';

export interface SettlingDigest extends RowsDigest {
  /** Resolves once hex() can answer; call after the last update. */
  settle(): Promise<void>;
  dispose(): void;
}

export type DigestRequest = { readonly type: 'update'; readonly bytes: Uint8Array } | { readonly type: 'finish' };
export type DigestResponse = { readonly type: 'hex'; readonly hex: string };

export function inlineDigest(): SettlingDigest {
  const digest = new ExportDigest();
  return { update: (bytes) => digest.update(bytes), hex: () => digest.hex(), settle: async () => undefined, dispose: () => undefined };
}

export class ParallelDigest implements SettlingDigest {
  private value: string | null = null;

  constructor(private readonly worker: Worker) {}

  /** Copies the bytes (postMessage clones at once), so the caller may transfer them elsewhere right after. */
  update(bytes: Uint8Array): void {
    if (bytes.length > 0) this.worker.postMessage({ type: 'update', bytes } satisfies DigestRequest);
  }

  settle(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.worker.addEventListener('message', (event: MessageEvent<DigestResponse>) => {
        this.value = event.data.hex;
        resolve();
      }, { once: true });
      this.worker.addEventListener('error', (event) => reject(new Error(`The export's checksum could not be computed: ${event.message || 'the digest worker failed'}`)), { once: true });
      this.worker.postMessage({ type: 'finish' } satisfies DigestRequest);
    });
  }

  hex(): string {
    if (this.value === null) throw new Error('export digest asked for before it settled');
    return this.value;
  }

  dispose(): void {
    this.worker.terminate();
  }
}
