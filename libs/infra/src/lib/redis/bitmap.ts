/** A Redis bitmap (as SETBIT builds it: bit n is the (7 - n % 8)th bit of byte n / 8) with the given bits set. */
export function bitmapOf(bits: readonly number[]): Buffer {
  let highest = -1;
  for (const bit of bits) highest = Math.max(highest, bit);
  const bitmap = Buffer.alloc((highest >> 3) + 1);
  for (const bit of bits) bitmap[bit >> 3] |= 0x80 >> (bit & 7);
  return bitmap;
}
