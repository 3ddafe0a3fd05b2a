import { bitmapOf } from './bitmap';

describe('bitmapOf', () => {
  it('sets bits most significant first, as SETBIT does', () => {
    expect([...bitmapOf([0])]).toEqual([0b1000_0000]);
    expect([...bitmapOf([1, 7])]).toEqual([0b0100_0001]);
    expect([...bitmapOf([8, 15])]).toEqual([0, 0b1000_0001]);
  });

  it('is empty for no bits', () => {
    expect(bitmapOf([]).length).toBe(0);
  });
});
