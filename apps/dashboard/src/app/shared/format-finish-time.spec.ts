import { formatFinishTime } from './format-finish-time';
import { localeFormats } from './locale-formats';

describe('formatFinishTime', () => {
  const formats = localeFormats('en-GB');
  // Local dates, so the expectations hold in any time zone.
  const now = new Date(2026, 10, 23, 13, 0, 0).getTime();

  it('gives the local clock time of a finish later today', () => {
    expect(formatFinishTime(new Date(2026, 10, 23, 14, 5, 9).getTime(), now, formats)).toBe('14:05:09');
  });

  it('adds the date to a finish on another day', () => {
    expect(formatFinishTime(new Date(2026, 10, 24, 0, 30, 0).getTime(), now, formats)).toBe('24 Nov 2026, 00:30');
  });

  it('gives a dash for a time out of range', () => {
    expect(formatFinishTime(Number.POSITIVE_INFINITY, now, formats)).toBe('—');
    expect(formatFinishTime(9e15, now, formats)).toBe('—');
  });
});
