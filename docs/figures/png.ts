/**
 * A minimal PNG encoder (8-bit RGB, no interlace) for figures that show images: a 28 x 28 digit
 * drawn as 784 SVG rectangles weighs ~40 KB, as an embedded PNG well under 2 KB, and looks the
 * same once the browser scales it up without smoothing.
 */
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** Encodes rows of [r, g, b] pixels (0..255) as a PNG file. */
export function encodePng(pixels: ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>): Buffer {
  const height = pixels.length;
  const width = height > 0 ? pixels[0].length : 0;
  if (width === 0) throw new Error(`encodePng: the image is empty (${height} rows of ${width} pixels)`);
  const raw = Buffer.alloc(height * (1 + width * 3));
  pixels.forEach((row, r) => {
    if (row.length !== width) throw new Error(`encodePng: row ${r} has ${row.length} pixels, row 0 has ${width}`);
    const offset = r * (1 + width * 3);
    raw[offset] = 0; // filter "none": the deflate step does the work on images this small
    row.forEach(([red, green, blue], c) => {
      raw[offset + 1 + c * 3] = red;
      raw[offset + 2 + c * 3] = green;
      raw[offset + 3 + c * 3] = blue;
    });
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** "#rrggbb" as [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`hexToRgb: expected a colour like "#1f2328", got "${hex}"`);
  return [parseInt(match[1], 16), parseInt(match[2], 16), parseInt(match[3], 16)];
}
