// Arrays of ids as raw little-endian float64 bytes: what the internal
// messages carry for per-row ids (inbox rows, fanout recipients). Ids stay
// below 2^53, so a double holds each exactly; decoding is one copy instead
// of a varint loop per value (protobufjs decodes uint64 through Long).
import { endianness } from 'node:os';

const LE = endianness() === 'LE';

/** The values as little-endian float64s. */
export function f64Bytes(values: ArrayLike<number>): Uint8Array {
  if (LE && values instanceof Float64Array) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  const bytes = new Uint8Array(out.buffer);
  if (!LE) for (let i = 0; i < bytes.length; i += 8) bytes.subarray(i, i + 8).reverse();
  return bytes;
}

/** Bytes written by f64Bytes back into values; throws if the length is not a multiple of 8. */
export function f64Array(bytes: Uint8Array, what: string): Float64Array {
  if (bytes.length % 8 !== 0) throw new Error(`${what}: ${bytes.length} bytes is not a whole number of float64s`);
  // A copy: the decoded field is a view at any offset of the message buffer.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  if (!LE) for (let i = 0; i < copy.length; i += 8) copy.subarray(i, i + 8).reverse();
  return new Float64Array(copy.buffer);
}
