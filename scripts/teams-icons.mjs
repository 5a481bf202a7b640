// Draws the Teams app icons (manifests/teams/color.png 192×192, outline.png 32×32 white on
// transparent) with a tiny PNG encoder, so the icons are reproducible from source:
//   node scripts/teams-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let crc = 0xffffffff;
  for (const b of buf) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}
/** RGBA pixels (width × height × 4) → PNG, colour type 6, filter 0 on every row. */
function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function canvas(size, fill) {
  const px = Buffer.alloc(size * size * 4);
  const set = (x, y, c) => {
    for (const [i, v] of c.entries()) px[(y * size + x) * 4 + i] = v;
  };
  const rect = (x0, y0, x1, y1, c) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) set(x, y, c);
  };
  rect(0, 0, size, size, fill);
  return { px, rect };
}

const ACCENT = [0x2b, 0x57, 0x97, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

// Colour: a white call sheet with accent rows on the accent background.
const color = canvas(192, ACCENT);
color.rect(52, 32, 140, 160, WHITE);
for (let i = 0; i < 5; i++) {
  const y = 52 + i * 20;
  color.rect(64, y, 76, y + 10, ACCENT); // tick box
  color.rect(84, y + 2, i % 2 ? 116 : 128, y + 8, ACCENT); // row
}
writeFileSync(new URL('../manifests/teams/color.png', import.meta.url), png(192, 192, color.px));

// Outline: the same sheet as a white outline on transparent.
const outline = canvas(32, CLEAR);
outline.rect(8, 4, 24, 6, WHITE);
outline.rect(8, 26, 24, 28, WHITE);
outline.rect(8, 4, 10, 28, WHITE);
outline.rect(22, 4, 24, 28, WHITE);
for (const y of [10, 15, 20]) outline.rect(12, y, 20, y + 2, WHITE);
writeFileSync(new URL('../manifests/teams/outline.png', import.meta.url), png(32, 32, outline.px));
console.log('wrote manifests/teams/color.png and outline.png');
