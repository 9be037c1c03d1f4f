// Draws media/icon.png (128×128): three stage boxes joined by edges, the designer in miniature.
// Kept as a script so the icon can be regenerated; no image tools needed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // supersampling per axis, for smooth edges

const background = [0x1f, 0x3a, 0x5f];
const box = [0xf5, 0xf7, 0xfa];
const accent = [0x3d, 0xd6, 0x8c];
const edge = [0x9f, 0xc5, 0xf0];

function roundedRect(x, y, w, h, r) {
  return (px, py) => {
    const cx = Math.min(Math.max(px, x + r), x + w - r);
    const cy = Math.min(Math.max(py, y + r), y + h - r);
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r && px >= x && px <= x + w && py >= y && py <= y + h;
  };
}

function segment(x1, y1, x2, y2, width) {
  return (px, py) => {
    const dx = x2 - x1, dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
    return (px - (x1 + t * dx)) ** 2 + (py - (y1 + t * dy)) ** 2 <= (width / 2) ** 2;
  };
}

// Painted in order; later layers cover earlier ones.
const layers = [
  [roundedRect(4, 4, 120, 120, 24), background],
  [segment(40, 64, 64, 36, 6), edge],
  [segment(40, 64, 64, 92, 6), edge],
  [segment(64, 36, 92, 64, 6), edge],
  [segment(64, 92, 92, 64, 6), edge],
  [roundedRect(16, 52, 30, 24, 6), box],
  [roundedRect(52, 24, 26, 24, 6), box],
  [roundedRect(52, 80, 26, 24, 6), box],
  [roundedRect(84, 50, 30, 28, 7), accent],
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES, py = y + (sy + 0.5) / SAMPLES;
        let colour;
        for (const [inside, c] of layers) if (inside(px, py)) colour = c;
        if (colour) { r += colour[0]; g += colour[1]; b += colour[2]; a += 255; }
      }
    }
    const n = SAMPLES * SAMPLES, covered = a / 255, i = (y * SIZE + x) * 4;
    rgba[i] = covered ? r / covered : 0;
    rgba[i + 1] = covered ? g / covered : 0;
    rgba[i + 2] = covered ? b / covered : 0;
    rgba[i + 3] = a / n;
  }
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
