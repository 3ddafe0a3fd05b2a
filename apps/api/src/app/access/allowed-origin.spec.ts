import { isAllowedOrigin } from './allowed-origin';

describe('isAllowedOrigin', () => {
  it('allows the page the api serves, and clients that send no origin', () => {
    expect(isAllowedOrigin('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
    expect(isAllowedOrigin(undefined, '127.0.0.1:3000', [])).toBe(true);
  });

  it('refuses a foreign page unless it is listed', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4200', '127.0.0.1:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:4200', '127.0.0.1:3000', ['http://127.0.0.1:4200'])).toBe(true);
    expect(isAllowedOrigin('null', '127.0.0.1:3000', [])).toBe(false);
  });
});
