#!/usr/bin/env node
/**
 * The app icon, drawn here from one description (ICON below): writes icon.svg (the source image) and
 * rasterises the same shapes, anti-aliased, into every size the installers need —
 * icons/NxN.png (Linux), icon.png (1024 px; the window icon), icon.icns (macOS), icon.ico (Windows).
 * No image tool needed: shapes are signed-distance functions, PNG is written with node:zlib.
 * Run `node build/generate-icons.mjs` after changing ICON and commit the results.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));

/** On a 1024 × 1024 canvas: a ledger card with rows, and a check mark for "balances reconcile". */
const ICON = [
  { kind: 'rect', x: 64, y: 64, w: 896, h: 896, r: 200, fill: '#14324f' },
  { kind: 'rect', x: 212, y: 188, w: 600, h: 648, r: 56, fill: '#eef3f8' },
  { kind: 'rect', x: 292, y: 300, w: 440, h: 56, r: 28, fill: '#8aa1b8' },
  { kind: 'rect', x: 292, y: 420, w: 440, h: 56, r: 28, fill: '#8aa1b8' },
  { kind: 'rect', x: 292, y: 540, w: 240, h: 56, r: 28, fill: '#8aa1b8' },
  { kind: 'polyline', points: [[560, 690], [650, 780], [840, 560]], width: 88, fill: '#1f9d6a' },
];

function toSvg(shapes) {
  const body = shapes.map((s) => s.kind === 'rect'
    ? `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`
    : `  <polyline points="${s.points.map((p) => p.join(',')).join(' ')}" fill="none" stroke="${s.fill}" stroke-width="${s.width}" stroke-linecap="round" stroke-linejoin="round"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">\n${body.join('\n')}\n</svg>\n`;
}

/** Signed distance (negative inside) from (px, py) to a shape, in canvas units. */
function distance(s, px, py) {
  if (s.kind === 'rect') {
    const cx = s.x + s.w / 2, cy = s.y + s.h / 2;
    const qx = Math.abs(px - cx) - (s.w / 2 - s.r), qy = Math.abs(py - cy) - (s.h / 2 - s.r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r;
  }
  let d = Infinity;
  for (let i = 1; i < s.points.length; i++) {
    const [ax, ay] = s.points[i - 1], [bx, by] = s.points[i];
    const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    d = Math.min(d, Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay))));
  }
  return d - s.width / 2;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function rasterise(shapes, size) {
  const scale = 1024 / size, samples = 4, pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) * scale, py = (y + (sy + 0.5) / samples) * scale;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const s of shapes) {
            // Coverage within one sample's footprint: a soft edge half a pixel wide at this size.
            const cover = Math.max(0, Math.min(1, 0.5 - distance(s, px, py) / scale));
            if (cover === 0) continue;
            const [sr, sg, sb] = rgb(s.fill);
            cr = sr * cover + cr * (1 - cover); cg = sg * cover + cg * (1 - cover); cb = sb * cover + cb * (1 - cover);
            ca = cover + ca * (1 - cover);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const n = samples * samples, i = (y * size + x) * 4;
      // Colours were accumulated premultiplied by coverage: un-premultiply.
      pixels[i] = a ? Math.round(r / a) : 0; pixels[i + 1] = a ? Math.round(g / a) : 0; pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / n) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8 bits, RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

function icns(pngs) {
  const types = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
  const entries = types.map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(pngs.get(size).length + 8, 4);
    return Buffer.concat([head, pngs.get(size)]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([head, ...entries]);
}

function ico(pngs, sizes) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(sizes.length, 4);
  let offset = 6 + 16 * sizes.length;
  const dir = sizes.map((size) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); e.writeUInt16LE(32, 6);
    e.writeUInt32LE(pngs.get(size).length, 8); e.writeUInt32LE(offset, 12);
    offset += pngs.get(size).length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...sizes.map((s) => pngs.get(s))]);
}

const write = (path, data) => {
  mkdirSync(dirname(join(here, path)), { recursive: true });
  writeFileSync(join(here, path), data);
};
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const pngs = new Map(sizes.map((size) => [size, png(size, rasterise(ICON, size))]));
write('icon.svg', toSvg(ICON));
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) write(`icons/${size}x${size}.png`, pngs.get(size));
write('icon.png', pngs.get(1024));
write('icon.icns', icns(pngs));
write('icon.ico', ico(pngs, [16, 24, 32, 48, 64, 128, 256]));
console.log(`Wrote icon.svg, icon.png, icon.icns, icon.ico and icons/ (${sizes.join(', ')} px) in ${here}`);
