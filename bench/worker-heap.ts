/**
 * The V8 heap of a page's dedicated workers, sampled over CDP while they run. Playwright opens CDP
 * sessions for pages and frames only, so the page's session auto-attaches to its workers in the
 * (older) non-flat mode and talks to them through Target.sendMessageToTarget. The worker's inspector
 * answers between and during tasks, so samples keep coming while it computes.
 */
import type { CDPSession } from '@playwright/test';

export interface HeapPeak {
  /** Peak of Runtime.getHeapUsage usedSize, summed over the page's workers. */
  readonly usedMb: number;
  /** Peak of usedSize + backingStorageSize (ArrayBuffer contents: the ledger's typed columns). */
  readonly withBackingStoresMb: number;
  readonly samples: number;
}

const MB = 1024 * 1024;

export class WorkerHeap {
  private readonly sessions = new Set<string>();
  private readonly waiting = new Map<string, (usage: { usedSize: number; backingStorageSize?: number }) => void>();
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = false;
  private peak = { used: 0, total: 0, samples: 0 };

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      if (targetInfo.type === 'worker') this.sessions.add(sessionId);
    });
    cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
      if (sessionId !== undefined) this.sessions.delete(sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const reply = JSON.parse(message) as { id?: number; result?: { usedSize: number; backingStorageSize?: number } };
      const key = `${sessionId}|${reply.id}`;
      this.waiting.get(key)?.(reply.result ?? { usedSize: 0 });
    });
  }

  static async attach(cdp: CDPSession): Promise<WorkerHeap> {
    const heap = new WorkerHeap(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return heap;
  }

  /** Resolves once `count` workers are attached (they attach shortly after `new Worker`). */
  async waitForWorkers(count: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.sessions.size < count) {
      if (Date.now() > until) throw new Error(`worker heap: ${this.sessions.size} worker(s) attached, expected ${count}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  start(intervalMs = 50): void {
    this.peak = { used: 0, total: 0, samples: 0 };
    // One sample at a time: a busy worker answers late, and requests must not pile up behind it.
    this.timer = setInterval(() => {
      if (this.inFlight) return;
      this.inFlight = true;
      this.sample().finally(() => (this.inFlight = false));
    }, intervalMs);
  }

  async stop(): Promise<HeapPeak> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.sample();
    return { usedMb: this.peak.used / MB, withBackingStoresMb: this.peak.total / MB, samples: this.peak.samples };
  }

  private async sample(): Promise<void> {
    const usages = await Promise.all([...this.sessions].map((s) => this.heapUsage(s)));
    const used = usages.reduce((sum, u) => sum + u.usedSize, 0);
    const total = usages.reduce((sum, u) => sum + u.usedSize + (u.backingStorageSize ?? 0), 0);
    this.peak = { used: Math.max(this.peak.used, used), total: Math.max(this.peak.total, total), samples: this.peak.samples + 1 };
  }

  /** A worker that went away never answers: give up on it after a while (a zero cannot raise a peak). */
  private heapUsage(sessionId: string, timeoutMs = 5_000): Promise<{ usedSize: number; backingStorageSize?: number }> {
    const id = this.nextId++;
    const key = `${sessionId}|${id}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer({ usedSize: 0 }), timeoutMs);
      const answer = (usage: { usedSize: number; backingStorageSize?: number }): void => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(usage);
      };
      this.waiting.set(key, answer);
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => answer({ usedSize: 0 }));
    });
  }
}
