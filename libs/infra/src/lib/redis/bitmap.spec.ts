import { bitmapOf } from './bitmap';

const r = (from: number, to: number) => ({ from, to });

/** The bits a bitmap has set, as SETBIT numbers them. */
const bitsOf = (bitmap: Buffer) =>
  [...bitmap].flatMap((byte, i) => Array.from({ length: 8 }, (_, b) => (byte & (0x80 >> b) ? [8 * i + b] : [])).flat());

describe('bitmapOf', () => {
  it('sets bits most significant first, as SETBIT does', () => {
    expect([...bitmapOf([r(0, 0)])]).toEqual([0b1000_0000]);
    expect([...bitmapOf([r(1, 1), r(7, 7)])]).toEqual([0b0100_0001]);
    expect([...bitmapOf([r(8, 8), r(15, 15)])]).toEqual([0, 0b1000_0001]);
  });

  it('fills whole bytes and sets the bits at the ends of each range', () => {
    expect([...bitmapOf([r(1, 30)])]).toEqual([0b0111_1111, 0xff, 0xff, 0b1111_1110]);
    expect([...bitmapOf([r(8, 23)])]).toEqual([0, 0xff, 0xff]);
    expect([...bitmapOf([r(2, 5)])]).toEqual([0b0011_1100]);
    expect(bitsOf(bitmapOf([r(1, 3), r(6, 17), r(40, 40)]))).toEqual([1, 2, 3, ...Array.from({ length: 12 }, (_, i) => 6 + i), 40]);
  });

  it('sets a million bits from one range', () => {
    const bitmap = bitmapOf([r(1, 1_000_000)]);
    expect(bitmap.length).toBe(125_001);
    expect(bitsOf(bitmap).length).toBe(1_000_000);
  });

  it('is empty for no ranges', () => {
    expect(bitmapOf([]).length).toBe(0);
  });
});
