import { formatEta } from './format-eta';

describe('formatEta', () => {
  it.each([
    [0, '0s'],
    [7, '7s'],
    [59, '59s'],
    [60, '1m 00s'],
    [249, '4m 09s'],
    [3599, '59m 59s'],
    [3600, '1h 00m 00s'],
    [3725, '1h 02m 05s'],
    [100 * 3600 + 61, '100h 01m 01s'],
  ])('formats %p seconds as %p', (seconds, expected) => {
    expect(formatEta(seconds)).toBe(expected);
  });

  it('rounds to whole seconds', () => {
    expect(formatEta(59.4)).toBe('59s');
    expect(formatEta(59.5)).toBe('1m 00s');
  });

  it.each([null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY])('shows an unknown ETA (%p) as a dash', (seconds) => {
    expect(formatEta(seconds)).toBe('—');
  });
});
