import { localeFormats } from './locale-formats';

describe('localeFormats', () => {
  it('builds the formats of a locale once', () => {
    expect(localeFormats('en-US')).toBe(localeFormats('en-US'));
    expect(localeFormats('de-DE').count.format(1234567)).toBe('1.234.567');
  });
});
