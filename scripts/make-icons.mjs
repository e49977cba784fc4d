// Renders assets/icon.svg into the icon files the installers need (run once; outputs are
// committed): icon.png (512), icons/NxN.png (Linux), icon.ico (Windows), icon.icns (macOS).
// Uses Debian's Chromium through playwright-core to rasterise; ICO and ICNS hold PNG images.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const assets = path.resolve(import.meta.dirname, '..', 'assets');
const svg = readFileSync(path.join(assets, 'icon.svg'), 'utf8');
const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const pngs = new Map();
for (const size of sizes) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
}
await browser.close();

mkdirSync(path.join(assets, 'icons'), { recursive: true });
writeFileSync(path.join(assets, 'icon.png'), pngs.get(512));
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(path.join(assets, 'icons', `${size}x${size}.png`), pngs.get(size));

// ICO: header, one directory entry per image, then the PNG bytes.
const icoSizes = [16, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = 6 + 16 * icoSizes.length;
const entries = [];
for (const size of icoSizes) {
  const png = pngs.get(size);
  const entry = Buffer.alloc(16);
  entry.writeUInt8(size === 256 ? 0 : size, 0);
  entry.writeUInt8(size === 256 ? 0 : size, 1);
  entry.writeUInt16LE(1, 4);
  entry.writeUInt16LE(32, 6);
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += png.length;
  entries.push(entry);
}
writeFileSync(path.join(assets, 'icon.ico'), Buffer.concat([header, ...entries, ...icoSizes.map((size) => pngs.get(size))]));

// ICNS: 'icns' + total length, then (type, length, PNG) chunks.
const icnsTypes = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024]];
const chunks = icnsTypes.map(([type, size]) => {
  const png = pngs.get(size);
  const chunkHeader = Buffer.alloc(8);
  chunkHeader.write(type, 0, 'ascii');
  chunkHeader.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([chunkHeader, png]);
});
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
writeFileSync(path.join(assets, 'icon.icns'), Buffer.concat([icnsHeader, ...chunks]));
console.log('icons written to', assets);
