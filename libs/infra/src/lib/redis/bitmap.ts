import type { SeqRange } from '@app/contracts';

/**
 * A Redis bitmap (as SETBIT builds it: bit n is the (7 - n % 8)th bit of byte n / 8) with the bits of the given
 * ranges set: whole bytes filled at once, only the bits at each range's ends set one by one, so a range of a million
 * seqs costs what 125 KB of memset costs.
 */
export function bitmapOf(ranges: readonly SeqRange[]): Buffer {
  let highest = -1;
  for (const { to } of ranges) highest = Math.max(highest, to);
  const bitmap = Buffer.alloc((highest >> 3) + 1);
  for (const { from, to } of ranges) {
    // The whole bytes inside the range: from the first byte starting at or after `from` to the last ending at or before `to`.
    const firstWholeByte = (from + 7) >> 3;
    const endWholeByte = (to + 1) >> 3;
    if (firstWholeByte < endWholeByte) {
      bitmap.fill(0xff, firstWholeByte, endWholeByte);
      for (let bit = from; bit < firstWholeByte << 3; bit++) bitmap[bit >> 3] |= 0x80 >> (bit & 7);
      for (let bit = endWholeByte << 3; bit <= to; bit++) bitmap[bit >> 3] |= 0x80 >> (bit & 7);
    } else {
      for (let bit = from; bit <= to; bit++) bitmap[bit >> 3] |= 0x80 >> (bit & 7);
    }
  }
  return bitmap;
}
