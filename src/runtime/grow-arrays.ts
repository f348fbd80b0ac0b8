/**
 * Growing the buffers and typed arrays that hold a run's tallies without an object per item: a
 * larger copy, at least twice the size, so that growing costs little over a run.
 */

/** `buffer` where it has `needed` bytes, else a larger one (twice the size at least) holding its first `used` bytes. */
export function withRoom(buffer: Buffer, used: number, needed: number): Buffer {
  if (needed <= buffer.length) return buffer;
  const larger = Buffer.allocUnsafe(Math.max(needed, 2 * buffer.length));
  buffer.copy(larger, 0, 0, used);
  return larger;
}

/** A typed array of the same kind and `length` elements, starting with `array`'s. */
export function lengthened<T extends Uint32Array | Float64Array>(array: T, length: number): T {
  const larger = new (array.constructor as new (length: number) => T)(length);
  larger.set(array);
  return larger;
}
