import { formatBytes } from './format-bytes';
import { localeFormats } from './locale-formats';

const formats = localeFormats('en-US');

describe('formatBytes', () => {
  it('keeps a size under 1 KB in bytes', () => {
    expect(formatBytes(0, formats)).toBe('0 bytes');
    expect(formatBytes(1, formats)).toBe('1 byte');
    expect(formatBytes(1023, formats)).toBe('1,023 bytes');
  });

  it('takes the largest unit that keeps the figure at 1 or more, to one decimal', () => {
    expect(formatBytes(1024, formats)).toBe('1 KB');
    expect(formatBytes(1536, formats)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 ** 2, formats)).toBe('3 MB');
    expect(formatBytes(2 * 1024 ** 3, formats)).toBe('2 GB');
    expect(formatBytes(5 * 1024 ** 5, formats)).toBe('5,120 TB');
  });

  it('follows the locale', () => {
    expect(formatBytes(1536, localeFormats('de-DE'))).toBe('1,5 KB');
  });
});
