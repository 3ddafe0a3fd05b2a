import { runFormats } from './run-formats';

describe('runFormats', () => {
  it('builds the formats of a locale once', () => {
    expect(runFormats('en-US')).toBe(runFormats('en-US'));
    expect(runFormats('de-DE').count.format(1234567)).toBe('1.234.567');
  });
});
