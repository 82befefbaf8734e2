/// <reference lib="dom" />
/**
 * Runs in the page (Playwright serialises these): the main thread's long tasks from startWatch() on
 * (buffered, filtered by start time) and a requestAnimationFrame loop whose longest gap shows a frozen
 * page even where no long task is reported.
 */
interface Watch {
  observer: PerformanceObserver;
  longestTaskMs: number;
  longTasks: number;
  frames: number;
  longestFrameGapMs: number;
  lastFrame: number;
  running: boolean;
}

/** Runs in the page: long tasks from now on (buffered, filtered by start time) and a requestAnimationFrame loop. */
export function startWatch(): void {
  const from = performance.now();
  const watch: Watch = { observer: null as unknown as PerformanceObserver, longestTaskMs: 0, longTasks: 0, frames: 0, longestFrameGapMs: 0, lastFrame: from, running: true };
  const take = (entries: PerformanceEntryList): void => {
    for (const e of entries) {
      if (e.startTime < from) continue;
      watch.longTasks += 1;
      watch.longestTaskMs = Math.max(watch.longestTaskMs, e.duration);
    }
  };
  watch.observer = new PerformanceObserver((list) => take(list.getEntries()));
  watch.observer.observe({ type: 'longtask', buffered: true });
  const frame = (t: number): void => {
    if (!watch.running) return;
    watch.frames += 1;
    watch.longestFrameGapMs = Math.max(watch.longestFrameGapMs, t - watch.lastFrame);
    watch.lastFrame = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  Object.assign(globalThis, { __benchWatch: watch, __benchTake: take });
}

export function stopWatch(): { longestTaskMs: number; longTasks: number; frames: number; longestFrameGapMs: number } {
  const g = globalThis as unknown as { __benchWatch: Watch; __benchTake: (entries: PerformanceEntryList) => void };
  const watch = g.__benchWatch;
  g.__benchTake(watch.observer.takeRecords());
  watch.observer.disconnect();
  watch.running = false;
  return { longestTaskMs: watch.longestTaskMs, longTasks: watch.longTasks, frames: watch.frames, longestFrameGapMs: watch.longestFrameGapMs };
}
