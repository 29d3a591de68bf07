/**
 * Draws the tab bar icons (81×81 PNG, as WeChat recommends) into src/assets/tab/:
 * a heart (驿站: the care stations), a house (首页) and an envelope (消息), grey and red. Run: node config/make-tab-icons.cjs
 */
const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const zlib = require('node:zlib');

const SIZE = 81;
const GREY = [0x99, 0x99, 0x99];
const RED = [0xb7, 0x1c, 0x1c];

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(inside, rgb) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      // 4×4 supersampling for smooth edges
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = rgb[0];
      raw[o + 1] = rgb[1];
      raw[o + 2] = rgb[2];
      raw[o + 3] = Math.round((hits / 16) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const T = 6; // stroke width
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const outline = (x, y, x0, y0, x1, y1) => inRect(x, y, x0, y0, x1, y1) && !inRect(x, y, x0 + T, y0 + T, x1 - T, y1 - T);
const nearLine = (x, y, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= T / 2;
};

const house = (x, y) =>
  nearLine(x, y, 10, 40, 40.5, 12) ||
  nearLine(x, y, 40.5, 12, 71, 40) ||
  outline(x, y, 18, 36, 63, 70) ||
  inRect(x, y, 34, 50, 47, 70);

const envelope = (x, y) => outline(x, y, 10, 20, 71, 62) || nearLine(x, y, 13, 23, 40.5, 45) || nearLine(x, y, 40.5, 45, 68, 23);

// The classic heart curve (x² + y² − 1)³ − x²y³ ≤ 0, centred and scaled; an outline like the others.
const inHeart = (x, y, scale) => {
  const u = (x - 40.5) / scale;
  const v = (44 - y) / scale;
  return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
};
const heart = (x, y) => inHeart(x, y, 26) && !inHeart(x, y, 26 - T * 0.95);

const out = resolve(__dirname, '../src/assets/tab');
for (const [name, shape] of [['stations', heart], ['home', house], ['inbox', envelope]]) {
  writeFileSync(resolve(out, `${name}.png`), png(shape, GREY));
  writeFileSync(resolve(out, `${name}-active.png`), png(shape, RED));
}
