/**
 * CRC-32 (IEEE 802.3, as zip files carry it), slicing-by-8: eight table lookups per 8 bytes instead of
 * one per byte. A stored zip of a million-row export (429 MB) spends its CRC on the export's thread;
 * fflate's byte-at-a-time CRC takes about 2.3 ns a byte there, this about a third of that (measured in
 * Node). WebAssembly (hash-wasm has a CRC-32) is not allowed on that thread's CSP.
 */
const TABLES = ((): Int32Array => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

export class Crc32 {
  private state = -1;

  update(bytes: Uint8Array): void {
    const t = TABLES;
    let c = this.state;
    let i = 0;
    const n = bytes.length;
    const end8 = n - (n & 7);
    for (; i < end8; i += 8) {
      const lo = c ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
      c =
        (t[1792 + (lo & 0xff)] as number) ^
        (t[1536 + ((lo >>> 8) & 0xff)] as number) ^
        (t[1280 + ((lo >>> 16) & 0xff)] as number) ^
        (t[1024 + (lo >>> 24)] as number) ^
        (t[768 + (bytes[i + 4] as number)] as number) ^
        (t[512 + (bytes[i + 5] as number)] as number) ^
        (t[256 + (bytes[i + 6] as number)] as number) ^
        (t[bytes[i + 7] as number] as number);
    }
    for (; i < n; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
    this.state = c;
  }

  /** The CRC of every byte so far, as an unsigned 32-bit number. */
  value(): number {
    return ~this.state >>> 0;
  }
}
