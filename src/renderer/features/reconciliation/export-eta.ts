/** Export progress in words: percent and time left from the rate so far (rows per ms since the start). */

export function exportPercent(done: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.min(100, Math.floor((done / total) * 100));
}

/** "about 12 s left", or null while there is too little to judge (under 2 % or 300 ms in). */
export function exportEtaText(done: number, total: number, startedAt: number, now: number): string | null {
  const elapsed = now - startedAt;
  if (total <= 0 || done <= 0 || done / total < 0.02 || elapsed < 300) return null;
  const leftMs = ((total - done) * elapsed) / done;
  if (leftMs < 1000) return 'less than a second left';
  const seconds = Math.round(leftMs / 1000);
  if (seconds < 90) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
