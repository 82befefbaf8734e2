/**
 * A .zip written as it streams (fflate): entries one after another, each deflated as its chunks
 * arrive. Every entry carries the same fixed time (1980-01-01 00:00, the earliest a zip can say), so
 * the same files give the same zip bytes on every run. The sink may transfer what it is given to
 * another thread: the zip's own records are copied out of fflate; the data of a stored entry, handed
 * over by the caller, goes on as it is.
 * Deflate in JavaScript runs at about 65 MB/s (level 1, measured here); a million-row CSV of several
 * hundred MB would take seconds longer than the export itself, so large exports are stored uncompressed
 * (still one file, and as fast as the bare CSV); `compress` says which. A stored entry's CRC-32 is ours
 * (crc32.ts, about three times as fast as fflate's over a 429 MB entry).
 */
import { Zip, ZipDeflate, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import { Crc32 } from '../../core/export/crc32';

/**
 * The most a .zip can hold here: fflate writes no Zip64, so every size and offset is 32 bits (4 GiB);
 * kept 1 MiB below for the records after the data. Past it a zip would be silently corrupt.
 */
export const ZIP_MAX_BYTES = 0xffffffff - (1 << 20);

/** Built from local fields: zip times are local wall-clock fields, so this reads back as 1980-01-01 00:00 in every zone. */
const FIXED_ENTRY_TIME = (): Date => new Date(1980, 0, 1, 0, 0, 0);

/** An entry stored as it is (fflate's ZipInputFile, as ZipPassThrough is, with a faster CRC-32). */
class StoredEntry implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 0;
  readonly mtime = FIXED_ENTRY_TIME();
  ondata?: AsyncFlateStreamHandler;
  private readonly sum = new Crc32();

  constructor(readonly filename: string) {}

  push(chunk: Uint8Array, final = false): void {
    if (this.ondata === undefined) throw new Error('zip entry written before it was added');
    this.sum.update(chunk);
    this.size += chunk.length;
    if (final) this.crc = this.sum.value();
    // fflate types its chunks as ArrayBuffer-backed; ours are (no SharedArrayBuffer anywhere in the app).
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }
}

export interface ZipWriter {
  /** Starts the next entry (ending the previous one). */
  begin(fileName: string): void;
  /** Bytes of the current entry (handed over: the sink may get them as they are). */
  write(data: string | Uint8Array): void;
  /** Ends the zip (its central directory is written). */
  end(): void;
}

/** `maxBytes`: ZIP_MAX_BYTES unless a test says otherwise. */
export function zipWriter(out: (bytes: Uint8Array) => void, options: { readonly compress: boolean; readonly maxBytes?: number }): ZipWriter {
  const encoder = new TextEncoder();
  const maxBytes = options.maxBytes ?? ZIP_MAX_BYTES;
  /** Bytes given to the zip so far: no entry, nor the offset of anything after them, is larger. */
  let given = 0;
  let failure: Error | null = null;
  /** Data pushed into stored entries: fflate passes it on as it is, and it was handed over to us. */
  const handedOver = new WeakSet<Uint8Array>();
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else if (data.length > 0) out(handedOver.has(data) ? data : data.slice());
  });
  let entry: ZipDeflate | StoredEntry | null = null;
  const check = (): void => {
    if (failure !== null) throw failure;
  };
  const close = (): void => {
    entry?.push(new Uint8Array(0), true);
    entry = null;
  };
  return {
    begin(fileName) {
      close();
      if (options.compress) {
        entry = new ZipDeflate(fileName, { level: 1 });
        // Set before add(): the local header (with the time) is written then.
        entry.mtime = FIXED_ENTRY_TIME();
      } else entry = new StoredEntry(fileName);
      zip.add(entry);
      check();
    },
    write(data) {
      if (entry === null) throw new Error('zip entry written before it was begun');
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      if (bytes.length === 0) return;
      given += bytes.length;
      if (given > maxBytes) {
        throw new Error(
          `This export is larger than ${(maxBytes / 2 ** 30).toFixed(0)} GB, more than a .zip file can hold. Export a shorter period (one year at a time). Nothing was saved.`,
        );
      }
      if (entry instanceof StoredEntry) handedOver.add(bytes);
      entry.push(bytes);
      check();
    },
    end() {
      close();
      zip.end();
      check();
    },
  };
}
