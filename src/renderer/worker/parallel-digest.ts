/**
 * An export's rows digest, as the export stream uses it: fed the bytes of each batch, settled once
 * after the last one (then hex() answers), disposed when the export ends however it ends.
 * ParallelDigest hashes in a worker of its own (digest-worker.ts); inlineDigest on this thread (Node
 * tests, and wherever no worker can be started).
 */
import { ExportDigest, type RowsDigest } from '../../core/export/export-digest';

/** Which SHA-256 hashed the rows: hash-wasm's WebAssembly one, or @noble/hashes (see digest-engine.ts). */
export type DigestEngineName = 'wasm' | 'js';

export interface SettlingDigest extends RowsDigest {
  /** Takes `bytes` over (transferred: the caller must not use them after), digests them, then hands them back
   *  through `then` — in the order of pass() calls, all before settle() resolves. */
  pass(bytes: Uint8Array, then: (bytes: Uint8Array) => void): void;
  /** Resolves once hex() can answer; call after the last update. */
  settle(): Promise<void>;
  /** The engine that hashes the rows, once the digest's thread has started it (before any bytes are sent). */
  ready(): Promise<DigestEngineName>;
  /** The engine that hashed the rows; known once settled (null before). */
  engine(): DigestEngineName | null;
  dispose(): void;
}

export type DigestRequest =
  | { readonly type: 'update'; readonly bytes: Uint8Array }
  | { readonly type: 'pass'; readonly bytes: Uint8Array }
  | { readonly type: 'engine' }
  | { readonly type: 'finish' };
export type DigestResponse =
  | { readonly type: 'passed'; readonly bytes: Uint8Array }
  | { readonly type: 'engine'; readonly engine: DigestEngineName }
  | { readonly type: 'hex'; readonly hex: string; readonly engine: DigestEngineName }
  | { readonly type: 'failed'; readonly message: string };

export function inlineDigest(): SettlingDigest {
  const digest = new ExportDigest();
  return {
    update: (bytes) => digest.update(bytes),
    pass: (bytes, then) => {
      digest.update(bytes);
      then(bytes);
    },
    hex: () => digest.hex(),
    settle: async () => undefined,
    ready: async () => 'js',
    engine: () => 'js',
    dispose: () => undefined,
  };
}

const failure = (reason: string): Error => new Error(`The export's checksum could not be computed: ${reason}`);

export class ParallelDigest implements SettlingDigest {
  private value: { readonly hex: string; readonly engine: DigestEngineName } | null = null;
  /** pass() callbacks waiting for their bytes, in call order (the worker answers in that order). */
  private readonly handBacks: ((bytes: Uint8Array) => void)[] = [];
  private settling: { resolve: () => void; reject: (error: Error) => void } | null = null;
  /** ready() calls waiting for the worker's engine, in call order. */
  private readonly readyWaiters: { resolve: (engine: DigestEngineName) => void; reject: (error: Error) => void }[] = [];
  private broken: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<DigestResponse>) => this.answer(event.data));
    worker.addEventListener('error', (event) => this.fail(failure(event.message || 'the digest worker failed')));
  }

  /** Copies the bytes (postMessage clones at once), so the caller may transfer them elsewhere right after. */
  update(bytes: Uint8Array): void {
    if (bytes.length > 0) this.worker.postMessage({ type: 'update', bytes } satisfies DigestRequest);
  }

  /** Sends the view with its whole buffer transferred (no copy); the worker sends the same view back. */
  pass(bytes: Uint8Array, then: (bytes: Uint8Array) => void): void {
    this.worker.postMessage({ type: 'pass', bytes } satisfies DigestRequest, [bytes.buffer]);
    this.handBacks.push(then);
  }

  settle(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.broken !== null) {
        reject(this.broken);
        return;
      }
      this.settling = { resolve, reject };
      this.worker.postMessage({ type: 'finish' } satisfies DigestRequest);
    });
  }

  ready(): Promise<DigestEngineName> {
    return new Promise((resolve, reject) => {
      if (this.broken !== null) {
        reject(this.broken);
        return;
      }
      this.readyWaiters.push({ resolve, reject });
      this.worker.postMessage({ type: 'engine' } satisfies DigestRequest);
    });
  }

  hex(): string {
    if (this.value === null) throw new Error('export digest asked for before it settled');
    return this.value.hex;
  }

  engine(): DigestEngineName | null {
    return this.value?.engine ?? null;
  }

  dispose(): void {
    this.worker.terminate();
  }

  private answer(response: DigestResponse): void {
    if (response.type === 'passed') {
      const then = this.handBacks.shift();
      if (then === undefined) this.fail(failure('the digest worker handed back bytes nobody passed'));
      else {
        try {
          then(response.bytes);
        } catch (error) {
          // Thrown here it would reach no one: settle() reports it instead of waiting for ever.
          this.fail(error instanceof Error ? error : new Error(String(error)));
        }
      }
    } else if (response.type === 'engine') {
      this.readyWaiters.shift()?.resolve(response.engine);
    } else if (response.type === 'failed') {
      this.fail(failure(response.message));
    } else if (this.handBacks.length > 0) {
      // The worker answers in request order: a hex before every pass came back is a broken protocol.
      this.fail(failure('the digest worker finished before handing back every batch'));
    } else {
      this.value = { hex: response.hex, engine: response.engine };
      this.settling?.resolve();
      this.settling = null;
    }
  }

  private fail(error: Error): void {
    this.broken ??= error;
    this.settling?.reject(error);
    this.settling = null;
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(error);
  }
}
