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
