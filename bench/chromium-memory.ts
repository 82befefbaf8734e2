/**
 * Resident memory of one Chromium instance, sampled from /proc (Linux): the browser process launched on
 * `profile` and all its descendants, each renderer process (a page and its dedicated workers) apart.
 * A process's RSS covers what a JS heap figure does not (Blink's buffers for IndexedDB values and
 * messages, typed-array backing stores). VmRSS counts shared pages in every process that maps them,
 * so the sum over all processes is an upper bound.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MemoryPeak {
  /** The renderer process whose resident memory grew most: the page's, which runs its workers. */
  readonly rendererBeforeMb: number;
  readonly rendererPeakMb: number;
  /** Every process of the instance (browser, GPU, storage and network services, renderers), summed. */
  readonly allBeforeMb: number;
  readonly allPeakMb: number;
  readonly samples: number;
}

interface Sample {
  /** pid -> VmRSS (bytes) of each renderer process. */
  readonly renderers: ReadonlyMap<number, number>;
  readonly all: number;
}

const MB = 1024 * 1024;

export class ChromiumMemory {
  private timer: NodeJS.Timeout | null = null;
  private before: Sample = { renderers: new Map(), all: 0 };
  private readonly rendererPeaks = new Map<number, number>();
  private allPeak = 0;
  private samples = 0;

  constructor(
    private readonly profile: string,
    private readonly intervalMs = 50,
  ) {}

  start(): void {
    this.before = sampleTree(this.profile);
    this.rendererPeaks.clear();
    this.allPeak = 0;
    this.samples = 0;
    this.take(this.before);
    this.timer = setInterval(() => this.take(sampleTree(this.profile)), this.intervalMs);
  }

  stop(): MemoryPeak {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.take(sampleTree(this.profile));
    let pid = -1;
    let growth = -Infinity;
    for (const [p, peak] of this.rendererPeaks) {
      const grew = peak - (this.before.renderers.get(p) ?? 0);
      if (grew > growth) [pid, growth] = [p, grew];
    }
    return {
      rendererBeforeMb: (this.before.renderers.get(pid) ?? 0) / MB,
      rendererPeakMb: (this.rendererPeaks.get(pid) ?? 0) / MB,
      allBeforeMb: this.before.all / MB,
      allPeakMb: this.allPeak / MB,
      samples: this.samples,
    };
  }

  private take(sample: Sample): void {
    this.samples += 1;
    this.allPeak = Math.max(this.allPeak, sample.all);
    for (const [pid, rss] of sample.renderers) this.rendererPeaks.set(pid, Math.max(this.rendererPeaks.get(pid) ?? 0, rss));
  }
}

/** VmRSS of the Chromium tree started with --user-data-dir=<profile>: per renderer, and summed over all. */
function sampleTree(profile: string): Sample {
  const procs = new Map<number, { ppid: number; cmdline: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name (2nd field) may hold spaces or parentheses: fields resume after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      procs.set(Number(entry), { ppid, cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // The process exited between readdir and read.
    }
  }
  const tree = new Set<number>();
  for (const [pid, p] of procs) if (p.cmdline.includes(`--user-data-dir=${profile}`) && !p.cmdline.includes('--type=')) tree.add(pid);
  // Descendants: repeat until no process joins (a zygote's children come two levels below the browser).
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const renderers = new Map<number, number>();
  let all = 0;
  for (const pid of tree) {
    const rss = rssOf(pid);
    all += rss;
    if (procs.get(pid)?.cmdline.includes('--type=renderer')) renderers.set(pid, rss);
  }
  return { renderers, all };
}

function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
