/**
 * Injected faults, consumed in order: for each request the first unexhausted fault matching its
 * method decides. It lets `after` matching requests pass, then hits the next `times` of them.
 */
import type { FaultKind, FaultSpec } from './sim-types';

interface QueuedFault {
  readonly spec: FaultSpec;
  passed: number;
  hits: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  inject(faults: readonly FaultSpec[]): void {
    for (const spec of faults) this.queue.push({ spec, passed: 0, hits: 0 });
  }

  clear(): void {
    this.queue = [];
  }

  /** The fault for this request, if any (and advances the queue's counters). */
  take(method: string): FaultKind | undefined {
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
