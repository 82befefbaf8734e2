/**
 * An AbortSignal that aborts when any of its sources does, with listeners removed on `release()`.
 * AbortSignal.any keeps a listener on each long-lived source (the connector's cancel signal, the sync's
 * signal) per call until garbage collection, which trips Node's listener-leak warning over a long sync.
 */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  release(): void;
}

export function linkAbort(sources: readonly (AbortSignal | undefined)[]): LinkedAbort {
  const controller = new AbortController();
  const live = sources.filter((s): s is AbortSignal => s !== undefined);
  const already = live.find((s) => s.aborted);
  if (already) {
    controller.abort(already.reason);
    return { signal: controller.signal, release: () => undefined };
  }
  const listeners = live.map((source) => {
    const onAbort = (): void => controller.abort(source.reason);
    source.addEventListener('abort', onAbort, { once: true });
    return () => source.removeEventListener('abort', onAbort);
  });
  return { signal: controller.signal, release: () => listeners.forEach((remove) => remove()) };
}

/** A connector's `cancelAll()`: aborts every call in flight, and the connector stays usable. */
export class CancelScope {
  private controller = new AbortController();

  /** The signal of one call: aborts with the caller's `signal` or on cancelAll(); release() when it ends. */
  link(signal?: AbortSignal): LinkedAbort {
    return linkAbort([signal, this.controller.signal]);
  }

  /** Runs one call under `link(signal)`, released when it settles. */
  async run<T>(signal: AbortSignal | undefined, call: (active: AbortSignal) => Promise<T>): Promise<T> {
    const link = this.link(signal);
    try {
      return await call(link.signal);
    } finally {
      link.release();
    }
  }

  cancelAll(): void {
    this.controller.abort(new Error('cancelled'));
    this.controller = new AbortController();
  }
}
