// Test helper: branding icons written by an independent tool, icotool (icoutils), from PNGs made
// here (two colours and a transparent border, so 4-bit and 8-bit palettes can hold them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

export const hasIcotool = spawnSync('icotool', ['--version']).status === 0;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of `size` pixels: a blue square on a transparent border. */
export function squarePng(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows: Buffer[] = [];
  const border = Math.max(1, Math.floor(size / 8));
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const inside = x >= border && y >= border && x < size - border && y < size - border;
      row.set(inside ? [0x0b, 0x5c, 0xad, 0xff] : [0, 0, 0, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** An .ico written by icotool with the given (size, bits per pixel) images; 256 px is stored as PNG. */
export function iconWith(images: readonly { size: number; bitsPerPixel: number }[]): Buffer {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'provstudio-icon-'));
  const args = ['-c', '-o', path.join(directory, 'icon.ico')];
  for (const { size, bitsPerPixel } of images) {
    const png = path.join(directory, `${size}.png`);
    writeFileSync(png, squarePng(size));
    if (size === 256) args.push('-r', png);
    else args.push('-b', String(bitsPerPixel), png);
  }
  const run = spawnSync('icotool', args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`icotool failed: ${run.stderr}`);
  return readFileSync(path.join(directory, 'icon.ico'));
}
