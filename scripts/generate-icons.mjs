// Draws Runlane's app icons (three lanes on a blue tile) as PNG files into public/icons/.
// Run once with `node scripts/generate-icons.mjs`; the output is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [31, 78, 121, 255];
const WHITE = [255, 255, 255, 255];
const ORANGE = [245, 166, 35, 255];

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x / size, y / size);
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      raw[offset] = r;
      raw[offset + 1] = g;
      raw[offset + 2] = b;
      raw[offset + 3] = a;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Three horizontal lanes; the middle one carries a moving dot. `inset` keeps the art in a maskable safe zone. */
function lanes(inset) {
  return (u, v) => {
    const x = (u - inset) / (1 - 2 * inset);
    const y = (v - inset) / (1 - 2 * inset);
    if (x < 0 || x > 1 || y < 0 || y > 1) return BLUE;
    const dx = x - 0.68;
    const dy = y - 0.5;
    if (dx * dx + dy * dy < 0.012) return ORANGE;
    for (const laneY of [0.28, 0.5, 0.72]) {
      if (Math.abs(y - laneY) < 0.045 && x > 0.15 && x < 0.85) return WHITE;
    }
    return BLUE;
  };
}

writeFileSync('public/icons/icon-192.png', encodePng(192, lanes(0.08)));
writeFileSync('public/icons/icon-512.png', encodePng(512, lanes(0.08)));
writeFileSync('public/icons/icon-maskable-512.png', encodePng(512, lanes(0.2)));
writeFileSync(
  'public/icons/icon.svg',
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#1f4e79"/><g stroke="#fff" stroke-width="8" stroke-linecap="round"><path d="M20 30h60M20 50h60M20 70h60"/></g><circle cx="66" cy="50" r="9" fill="#f5a623"/></svg>\n`,
);
