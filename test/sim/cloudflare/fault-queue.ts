/**
 * Injected faults, consumed in order (one endpoint, so no method matching): the first unexhausted
 * fault lets `after` requests pass, then hits the next `times` of them. Local rather than the Deribit
 * sim's queue, whose fault kinds are JSON-RPC errors.
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

  take(): FaultKind | undefined {
    const fault = this.queue[0];
    if (!fault) return undefined;
    if (fault.passed < (fault.spec.after ?? 0)) {
      fault.passed++;
      return undefined;
    }
    fault.hits++;
    if (fault.hits >= (fault.spec.times ?? 1)) this.queue.shift();
    return fault.spec.kind;
  }
}
