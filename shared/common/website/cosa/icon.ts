// The branding icon: a Windows .ico file whose images COSA requires at given sizes and colour
// depths ("Desktop COSA database settings", BrandingIcon):
//   256x256 32-bit with alpha; 48, 32, 24 and 16 px each at 32-bit with alpha, 8-bit (256 colours)
//   and 4-bit (16 colours).
// The ICO container: a 6-byte header (0, type 1, count) and 16-byte directory entries; each image
// is a BMP (BITMAPINFOHEADER, its bit count) or a PNG (IHDR: size, bit depth, colour type).

export interface IconImage {
  width: number;
  height: number;
  /** Bits per pixel as stored: 32, 24, 8, 4, 1 ... */
  bitsPerPixel: number;
  format: 'bmp' | 'png';
}

export const REQUIRED_ICON_IMAGES: readonly { size: number; bitsPerPixel: number }[] = [
  { size: 256, bitsPerPixel: 32 },
  ...[48, 32, 24, 16].flatMap((size) => [32, 8, 4].map((bitsPerPixel) => ({ size, bitsPerPixel }))),
];

export type IconReadResult = { ok: true; images: IconImage[] } | { ok: false; problem: 'not-ico' | 'truncated' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngBitsPerPixel(bitDepth: number, colourType: number): number {
  // Colour types: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA (PNG specification, IHDR).
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType] ?? 0;
  return channels * bitDepth;
}

export function readIcon(bytes: Uint8Array): IconReadResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 6 || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) return { ok: false, problem: 'not-ico' };
  const count = view.getUint16(4, true);
  if (count === 0) return { ok: false, problem: 'not-ico' };
  if (bytes.length < 6 + 16 * count) return { ok: false, problem: 'truncated' };
  const images: IconImage[] = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    const size = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    if (offset + Math.min(size, 40) > bytes.length || size < 26) return { ok: false, problem: 'truncated' };
    if (PNG_SIGNATURE.every((byte, at) => bytes[offset + at] === byte)) {
      // IHDR follows the signature: length (4), "IHDR" (4), width (4), height (4), bit depth, colour type.
      images.push({
        width: view.getUint32(offset + 16, false),
        height: view.getUint32(offset + 20, false),
        bitsPerPixel: pngBitsPerPixel(bytes[offset + 24] as number, bytes[offset + 25] as number),
        format: 'png',
      });
    } else {
      // BITMAPINFOHEADER: size (4), width (4), height (4, twice the image: colour + mask), planes (2), bit count (2).
      images.push({
        width: Math.abs(view.getInt32(offset + 4, true)),
        height: Math.abs(view.getInt32(offset + 8, true)) / 2,
        bitsPerPixel: view.getUint16(offset + 14, true),
        format: 'bmp',
      });
    }
  }
  return { ok: true, images };
}

/** The required (size, depth) pairs the icon lacks. */
export function missingIconImages(images: readonly IconImage[]): { size: number; bitsPerPixel: number }[] {
  return REQUIRED_ICON_IMAGES.filter((required) => !images.some((image) => image.width === required.size && image.height === required.size && image.bitsPerPixel === required.bitsPerPixel));
}
