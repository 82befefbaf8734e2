/**
 * Injected faults, consumed in order: for each request the first unexhausted fault matching its
 * method decides. It lets `after` matching requests pass, then hits the next `times` of them.
 * The queue itself is the one every simulator shares (../shared/fault-queue.ts).
 */
import { FaultQueue as SharedFaultQueue } from '../shared/fault-queue';
import type { FaultSpec } from './sim-types';

export class FaultQueue extends SharedFaultQueue<FaultSpec> {}
