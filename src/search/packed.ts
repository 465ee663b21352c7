/**
 * Typed arrays as base64 text, for the index snapshot (dist/brain-index.json): a posting list of a
 * hundred thousand numbers is a few hundred kilobytes of text instead of megabytes of JSON numbers,
 * and reads back without creating an object per number.
 */
type Packable = Uint8Array | Uint32Array | Float64Array;

export function pack(array: Packable): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

/** The bytes of a packed array in a fresh, aligned ArrayBuffer (Buffer.from may hand out a pooled, unaligned slice). */
function bytes(text: string, width: number): ArrayBuffer {
  const buffer = Buffer.from(text, "base64");
  if (buffer.byteLength % width !== 0)
    throw new Error(`packed array of ${buffer.byteLength} bytes is not a multiple of ${width}`);
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return copy.buffer;
}

export const unpackUint8 = (text: string) => new Uint8Array(bytes(text, 1));
export const unpackUint32 = (text: string) => new Uint32Array(bytes(text, 4));
export const unpackFloat64 = (text: string) => new Float64Array(bytes(text, 8));
