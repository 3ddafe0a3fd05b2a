import { formatAge, formatDuration } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [7_000, '7s'],
    [59_999, '59s'],
    [60_000, '1m 00s'],
    [249_000, '4m 09s'],
    [3_725_000, '1h 02m 05s'],
    [86_399_000, '23h 59m 59s'],
    [86_400_000, '1d 00h 00m'],
    [(3 * 86_400 + 4 * 3600 + 5 * 60 + 6) * 1000, '3d 04h 05m'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('counts a negative length (clocks a little apart) as 0', () => {
    expect(formatDuration(-1500)).toBe('0s');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('gives — for %p', (ms) => {
    expect(formatDuration(ms)).toBe('—');
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0.0s ago'],
    [420, '0.4s ago'],
    [1_990, '1.9s ago'],
    [59_950, '59.9s ago'],
    [60_000, '1m 00s ago'],
    [125_000, '2m 05s ago'],
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });

  it('counts a heartbeat stamped a little ahead of this clock as just now', () => {
    expect(formatAge(-300)).toBe('0.0s ago');
  });

  it('gives — for an unreadable time', () => {
    expect(formatAge(Number.NaN)).toBe('—');
  });
});
