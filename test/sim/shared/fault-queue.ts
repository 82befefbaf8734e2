/**
 * Injected faults, consumed in order: for each request the first unexhausted fault that applies to it
 * decides (a fault naming a `method` applies only to requests of that method or route; one without, to
 * all). It lets `after` such requests pass, then hits the next `times` of them.
 */
export interface QueueableFault<K> {
  /** e.g. a JSON-RPC method or a route name; omitted = any request. */
  readonly method?: string;
  /** Let this many requests pass first (default 0). */
  readonly after?: number;
  /** How many requests get the fault (default 1). */
  readonly times?: number;
  readonly kind: K;
}

interface QueuedFault<S> {
  readonly spec: S;
  passed: number;
  hits: number;
}

export class FaultQueue<S extends QueueableFault<unknown>> {
  private queue: QueuedFault<S>[] = [];

  inject(faults: readonly S[]): void {
    for (const spec of faults) this.queue.push({ spec, passed: 0, hits: 0 });
  }

  clear(): void {
    this.queue = [];
  }

  /** The fault for this request, if any (and advances the queue's counters). */
  take(method?: string): S['kind'] | undefined {
    const fault = this.queue.find(
      (f) => (f.spec.method === undefined || f.spec.method === method) && f.hits < (f.spec.times ?? 1),
    );
    if (!fault) return undefined;
    if (fault.passed < (fault.spec.after ?? 0)) {
      fault.passed++;
      return undefined;
    }
    fault.hits++;
    this.queue = this.queue.filter((f) => f.hits < (f.spec.times ?? 1));
    return fault.spec.kind;
  }
}
