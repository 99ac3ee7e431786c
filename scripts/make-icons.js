/* Draws the ribbon and add-in icons into assets/ (PNG, every size Office asks for). Run: node scripts/make-icons.js */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function png(size, pixels) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const GREEN = [0x21, 0x73, 0x46, 255];
const WHITE = [255, 255, 255, 255];

/** A shape is a function of (x, y) in [0,1]² giving true where the glyph is white. */
const distToSegment = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const GLYPHS = {
  // 校验并评分: a check mark
  validate: (x, y) =>
    Math.min(distToSegment(x, y, 0.24, 0.52, 0.43, 0.7), distToSegment(x, y, 0.43, 0.7, 0.78, 0.3)) < 0.075,
  // 插入空白模板: a table
  template: (x, y) =>
    x > 0.22 &&
    x < 0.78 &&
    y > 0.22 &&
    y < 0.78 &&
    (Math.abs(x - 0.22) < 0.06 ||
      Math.abs(x - 0.78) < 0.06 ||
      Math.abs(y - 0.22) < 0.06 ||
      Math.abs(y - 0.78) < 0.06 ||
      Math.abs(x - 0.44) < 0.04 ||
      Math.abs(y - 0.42) < 0.04 ||
      Math.abs(y - 0.6) < 0.04),
  // 清除标注: a cross
  clear: (x, y) =>
    Math.min(distToSegment(x, y, 0.28, 0.28, 0.72, 0.72), distToSegment(x, y, 0.72, 0.28, 0.28, 0.72)) < 0.07,
  // 打开面板: a window with a side pane
  pane: (x, y) =>
    x > 0.2 &&
    x < 0.8 &&
    y > 0.24 &&
    y < 0.76 &&
    (Math.abs(x - 0.2) < 0.05 ||
      Math.abs(x - 0.8) < 0.05 ||
      Math.abs(y - 0.24) < 0.05 ||
      Math.abs(y - 0.76) < 0.05 ||
      x > 0.55),
  // the add-in itself: 评 as a check in a page
  logo: (x, y) =>
    Math.min(distToSegment(x, y, 0.26, 0.54, 0.44, 0.72), distToSegment(x, y, 0.44, 0.72, 0.76, 0.3)) < 0.08,
};

function draw(size, glyph) {
  const px = Buffer.alloc(size * size * 4);
  const r = size * 0.18;
  const s = 4; // supersampling
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < s; sy++) {
        for (let sx = 0; sx < s; sx++) {
          const fx = x + (sx + 0.5) / s;
          const fy = y + (sy + 0.5) / s;
          const cx = Math.min(Math.max(fx, r), size - r);
          const cy = Math.min(Math.max(fy, r), size - r);
          if (Math.hypot(fx - cx, fy - cy) <= r) {
            bg++;
            if (glyph(fx / size, fy / size)) fg++;
          }
        }
      }
      const a = bg / (s * s);
      const w = bg ? fg / bg : 0;
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[i + k] = Math.round(GREEN[k] * (1 - w) + WHITE[k] * w);
      px[i + 3] = Math.round(255 * a);
    }
  }
  return px;
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const [name, glyph] of Object.entries(GLYPHS)) {
  for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
    fs.writeFileSync(path.join(out, `${name}-${size}.png`), png(size, draw(size, glyph)));
  }
}
console.log('icons written to assets/');
