/**
 * Injected faults, consumed in order (the Deribit sim's queue matches JSON-RPC methods; NLPearl has one
 * endpoint, so this one just counts requests): the first unexhausted fault lets `after` requests pass,
 * then hits the next `times` of them.
 */
import type { SimFaultKind, SimFaultSpec } from './sim-types';

interface QueuedFault {
  readonly spec: SimFaultSpec;
  passed: number;
  hits: number;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  inject(faults: readonly SimFaultSpec[]): void {
    for (const spec of faults) this.queue.push({ spec, passed: 0, hits: 0 });
  }

  clear(): void {
    this.queue = [];
  }

  take(): SimFaultKind | undefined {
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
