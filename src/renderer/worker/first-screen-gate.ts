/**
 * The first screen goes first: background checks (correlation, reconciliation, funding) wait while an
 * Overview is computed, rather than read the same rows beside it on the worker's one thread. Started
 * together at app start, correlation held the Overview over 1M rows back (~700 vs ~620 ms here); once
 * the Overview has answered, the chains it read are in the columns cache for reconciliation too.
 */
export class FirstScreenGate {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs a first-screen job at once; background jobs asked for meanwhile wait until it settles. */
  first<T>(job: () => Promise<T>): Promise<T> {
    const run = job();
    const settled = run.then(() => undefined, () => undefined);
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return run;
  }

  /** Runs a background job once no first-screen job is running (those started later do not hold it back). */
  async background<T>(job: () => Promise<T>): Promise<T> {
    if (this.running.size > 0) await Promise.all([...this.running]);
    return job();
  }
}
