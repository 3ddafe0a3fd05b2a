import { ChangeCoalescer } from './change-coalescer';

describe('ChangeCoalescer', () => {
  it('yields each changed key once per drain, in first-marked order', () => {
    const coalescer = new ChangeCoalescer<string>();
    for (let i = 0; i < 1_000; i++) coalescer.mark(i % 2 ? 'b' : 'a');
    expect(coalescer.drain()).toEqual(['a', 'b']);
    expect(coalescer.size).toBe(0);
    expect(coalescer.drain()).toEqual([]);
  });
});
