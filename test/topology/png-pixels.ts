/**
 * Just enough PNG decoding to look at a browser screenshot: 8-bit RGB or RGBA, not interlaced (what
 * Chromium writes). Returns the pixels as `#rrggbb` strings.
 */
import { inflateSync } from "node:zlib";

export function pngPixels(png: Buffer): { width: number; height: number; pixels: string[] } {
    if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
    let offset = 8;
    let width = 0, height = 0, channels = 0;
    const data: Buffer[] = [];
    while (offset < png.length) {
        const length = png.readUInt32BE(offset);
        const type = png.toString("ascii", offset + 4, offset + 8);
        const body = png.subarray(offset + 8, offset + 8 + length);
        if (type === "IHDR") {
            width = body.readUInt32BE(0);
            height = body.readUInt32BE(4);
            const [depth, colorType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
            if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error(`PNG kind not handled: depth ${depth}, color type ${colorType}, interlace ${interlace}`);
            channels = colorType === 6 ? 4 : 3;
        }
        if (type === "IDAT") data.push(body);
        offset += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(data));
    const stride = width * channels;
    const rows: Buffer[] = [];
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
        const prev = y > 0 ? rows[y - 1] : Buffer.alloc(stride);
        for (let x = 0; x < stride; x++) {
            const a = x >= channels ? line[x - channels] : 0;
            const b = prev[x];
            const c = x >= channels ? prev[x - channels] : 0;
            line[x] = (line[x] + [0, a, b, Math.floor((a + b) / 2), paeth(a, b, c)][filter]) & 0xff;
        }
        rows.push(line);
    }
    const pixels: string[] = [];
    for (const row of rows) {
        for (let x = 0; x < stride; x += channels) pixels.push(`#${row.subarray(x, x + 3).toString("hex")}`);
    }
    return { width, height, pixels };
}

function paeth(a: number, b: number, c: number): number {
    const p = a + b - c;
    const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
