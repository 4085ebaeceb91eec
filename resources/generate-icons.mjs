#!/usr/bin/env node
// Draws Paddock's icons from their geometry (a green rounded square with a white "P", on a 256 grid), so
// every size is sharp: icon-1024.png for macOS (electron-builder wants 512 or more there), tray.png for
// Windows/Linux trays and the black trayTemplate images macOS tints for its menu bar.
// Run: node resources/generate-icons.mjs. icon.png (256) is the original this geometry was measured from.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const GREEN = [30, 90, 70];
const WHITE = [240, 240, 240];
const RADIUS = 40;
// The "P", in icon.png's coordinates: stem and bowl in white, the bowl's hole in green.
const P_PARTS = [
  { x0: 80, y0: 60, x1: 110, y1: 200, fill: true },
  { x0: 80, y0: 60, x1: 185, y1: 150, fill: true },
  { x0: 110, y0: 85, x1: 160, y1: 125, fill: false },
];

function inRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 256 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 256 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function inP(x, y) {
  let inside = false;
  for (const part of P_PARTS) if (x >= part.x0 && x < part.x1 && y >= part.y0 && y < part.y1) inside = part.fill;
  return inside;
}

/** Renders size×size RGBA; `sample(x, y)` answers a colour [r,g,b,a] for a point on the 256 grid. */
function render(size, sample, view = { x: 0, y: 0, span: 256 }) {
  const pixels = Buffer.alloc(size * size * 4);
  const sub = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < sub; sy++) {
        for (let sx = 0; sx < sub; sx++) {
          const x = view.x + ((px + (sx + 0.5) / sub) / size) * view.span;
          const y = view.y + ((py + (sy + 0.5) / sub) / size) * view.span;
          const [r, g, b, a] = sample(x, y);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3] / (sub * sub);
      for (let i = 0; i < 3; i++) pixels[offset + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
      pixels[offset + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

const appIcon = (x, y) => (!inRoundedSquare(x, y) ? [0, 0, 0, 0] : inP(x, y) ? [...WHITE, 255] : [...GREEN, 255]);
const template = (x, y) => (inP(x, y) ? [0, 0, 0, 255] : [0, 0, 0, 0]);
// The template shows the "P" alone, centred and filling most of the menu-bar square.
const pView = { x: 132.5 - 80, y: 130 - 80, span: 160 };

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const here = new URL("./", import.meta.url);
const outputs = [
  ["icon-1024.png", 1024, appIcon, undefined],
  ["tray.png", 32, appIcon, undefined],
  ["trayTemplate.png", 16, template, pView],
  ["trayTemplate@2x.png", 32, template, pView],
];
for (const [name, size, sample, view] of outputs) writeFileSync(new URL(name, here), png(size, render(size, sample, view)));
console.log(`wrote ${outputs.map(([name]) => name).join(", ")}`);
