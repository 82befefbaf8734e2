/**
 * The page's side of the reconciliation worker: one module worker for the app, typed requests that
 * resolve with their result, progress and export chunks delivered to callbacks, and cancel.
 */
import type { RequestBodies, RequestType, ResultBodies, WorkerProgress, WorkerRequest, WorkerResponse } from './protocol';

export interface RequestHandlers {
  readonly onProgress?: (progress: WorkerProgress) => void;
  readonly onChunk?: (bytes: Uint8Array<ArrayBuffer>) => void;
}

export interface WorkerJob<T> {
  readonly id: number;
  readonly result: Promise<T>;
  cancel(): void;
}

/** Thrown by a job that was cancelled (so callers can tell it from a failure). */
export class WorkerCancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'WorkerCancelledError';
  }
}

interface Pending {
  readonly handlers: RequestHandlers;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class ReconWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const error = new Error(`The reconciliation worker failed: ${event.message || 'unknown error'}`);
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    });
  }

  request<T extends RequestType>(type: T, body: RequestBodies[T], handlers: RequestHandlers = {}): WorkerJob<ResultBodies[T]> {
    const id = this.nextId++;
    const result = new Promise<ResultBodies[T]>((resolve, reject) => {
      this.pending.set(id, { handlers, resolve: resolve as (value: unknown) => void, reject });
    });
    this.worker.postMessage({ id, type, body } as WorkerRequest);
    return { id, result, cancel: () => this.worker.postMessage({ id: this.nextId++, type: 'cancel', target: id } satisfies WorkerRequest) };
  }

  private receive(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    switch (message.type) {
      case 'progress':
        pending.handlers.onProgress?.(message.progress);
        return;
      case 'chunk':
        pending.handlers.onChunk?.(message.bytes);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.result);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(message.cancelled ? new WorkerCancelledError() : new Error(message.message));
        return;
    }
  }
}

let shared: ReconWorkerClient | null = null;

/** The app's one worker, started on first use. */
export function reconWorker(): ReconWorkerClient {
  shared ??= new ReconWorkerClient(new Worker(new URL('./recon-worker.ts', import.meta.url), { type: 'module', name: 'reconciliation' }));
  return shared;
}
