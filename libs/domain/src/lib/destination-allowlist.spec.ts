import { DEFAULT_HTTP_TARGET_ALLOWLIST, allowedDestination, parseAllowlist } from './destination-allowlist';

describe('parseAllowlist', () => {
  it('splits, trims and lower-cases the patterns, dropping empty ones', () => {
    expect(parseAllowlist(' Hooks.Example.com, ,*.Internal.test,,localhost ')).toEqual([
      'hooks.example.com',
      '*.internal.test',
      'localhost',
    ]);
  });

  it('drops the brackets of an IPv6 literal', () => {
    expect(parseAllowlist('[::1], fd00::2')).toEqual(['::1', 'fd00::2']);
  });

  it('gives no pattern for an empty value', () => {
    expect(parseAllowlist('')).toEqual([]);
    expect(parseAllowlist(' , ')).toEqual([]);
  });

  it('reads the default as this machine only', () => {
    expect(parseAllowlist(DEFAULT_HTTP_TARGET_ALLOWLIST)).toEqual(['127.0.0.1', 'localhost']);
  });
});

describe('allowedDestination', () => {
  const defaults = parseAllowlist(DEFAULT_HTTP_TARGET_ALLOWLIST);

  it('allows a host equal to a pattern, on any port, over http or https', () => {
    expect(allowedDestination('http://127.0.0.1:5500/hook', defaults)).toEqual({ ok: true });
    expect(allowedDestination('https://localhost/hook?x=1', defaults)).toEqual({ ok: true });
    expect(allowedDestination('HTTP://LocalHost:8080', defaults)).toEqual({ ok: true });
  });

  it('names the host and the allowlist when the host is not in it', () => {
    expect(allowedDestination('http://10.0.0.1/hook', defaults)).toEqual({
      ok: false,
      reason: 'target.url host 10.0.0.1 is not in HTTP_TARGET_ALLOWLIST (127.0.0.1, localhost)',
    });
  });

  it('compares an IPv4 address however it is spelled', () => {
    expect(allowedDestination('http://2130706433/', defaults)).toEqual({ ok: true });
    expect(allowedDestination('http://0x7f.1/', defaults)).toEqual({ ok: true });
    expect(allowedDestination('http://0177.0.0.2/', defaults)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('host 127.0.0.2 '),
    });
  });

  it('compares an IPv6 literal without its brackets', () => {
    const patterns = parseAllowlist('::1');
    expect(allowedDestination('http://[::1]:5500/hook', patterns)).toEqual({ ok: true });
    expect(allowedDestination('http://[0:0:0:0:0:0:0:1]/hook', patterns)).toEqual({ ok: true });
    expect(allowedDestination('http://[::2]/hook', patterns)).toMatchObject({ ok: false, reason: expect.stringContaining('host ::2 ') });
  });

  it('matches the subdomains of a *.suffix pattern, not the suffix itself nor look-alikes', () => {
    const patterns = parseAllowlist('*.example.com');
    expect(allowedDestination('https://hooks.example.com/a', patterns)).toEqual({ ok: true });
    expect(allowedDestination('https://a.b.example.com/a', patterns)).toEqual({ ok: true });
    expect(allowedDestination('https://example.com/a', patterns)).toMatchObject({ ok: false });
    expect(allowedDestination('https://badexample.com/a', patterns)).toMatchObject({ ok: false });
    expect(allowedDestination('https://example.com.evil.test/a', patterns)).toMatchObject({ ok: false });
  });

  it('allows any host for the pattern *', () => {
    expect(allowedDestination('https://anything.test/hook', ['*'])).toEqual({ ok: true });
  });

  it('allows nothing with an empty allowlist, and says so', () => {
    expect(allowedDestination('http://localhost/', [])).toEqual({
      ok: false,
      reason: 'target.url host localhost is not in HTTP_TARGET_ALLOWLIST (empty: no host is allowed)',
    });
  });

  it('refuses other schemes, even for an allowed host', () => {
    expect(allowedDestination('ftp://localhost/file', defaults)).toEqual({
      ok: false,
      reason: 'target.url must use http or https, not ftp',
    });
    expect(allowedDestination('file:///etc/passwd', ['*'])).toMatchObject({ ok: false });
  });

  it('refuses credentials in the URL without repeating them', () => {
    for (const url of ['http://user:secret@localhost/', 'http://user@localhost/', 'http://:secret@localhost/']) {
      expect(allowedDestination(url, defaults)).toEqual({
        ok: false,
        reason: 'target.url must not carry credentials (send them in target.headers)',
      });
    }
  });

  it('names the field the URL came from', () => {
    expect(allowedDestination('http://example.com/done', defaults, 'notify.url')).toEqual({
      ok: false,
      reason: 'notify.url host example.com is not in HTTP_TARGET_ALLOWLIST (127.0.0.1, localhost)',
    });
    expect(allowedDestination('http://user@localhost/done', defaults, 'notify.url')).toEqual({
      ok: false,
      reason: 'notify.url must not carry credentials',
    });
  });

  it('refuses what is not an absolute URL', () => {
    for (const url of ['', '/hook', 'localhost:5500', 'http://']) {
      expect(allowedDestination(url, ['*'])).toMatchObject({ ok: false });
    }
  });
});
