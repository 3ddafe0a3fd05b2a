/** The destinations an `http` run may deliver to when `HTTP_TARGET_ALLOWLIST` is unset: this machine only. */
export const DEFAULT_HTTP_TARGET_ALLOWLIST = '127.0.0.1,localhost';

export type DestinationCheck = { ok: true } | { ok: false; reason: string };

/**
 * `HTTP_TARGET_ALLOWLIST` as host patterns: comma-separated, trimmed, lower-cased, empty entries dropped, and IPv6
 * literals without brackets (as `allowedDestination` compares them).
 */
export function parseAllowlist(value: string): string[] {
  return value
    .split(',')
    .map((pattern) =>
      pattern
        .trim()
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1'),
    )
    .filter((pattern) => pattern !== '');
}

/**
 * Whether an `http` run may deliver to `url`, or a completion callback go there (`field` names the URL in the reason):
 * an http or https URL without credentials whose host (whatever its port) is one of `patterns` (from `parseAllowlist`).
 * `*.example.com` matches the subdomains of example.com, not example.com itself; `*` matches any host. The host is the
 * one the WHATWG URL parser gives, as the HTTP client connects to it: lower-cased, percent-decoded, and an IPv4
 * address in any notation (`2130706433`, `0x7f.1`) as dotted decimal, so no spelling of an address slips past a pattern.
 */
export function allowedDestination(url: string, patterns: readonly string[], field = 'target.url'): DestinationCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `${field} must be an absolute http or https URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `${field} must use http or https, not ${parsed.protocol.slice(0, -1)}` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // A target has headers to carry them; a callback's receiver checks the signature instead.
    const instead = field === 'target.url' ? ' (send them in target.headers)' : '';
    return { ok: false, reason: `${field} must not carry credentials${instead}` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (patterns.some((pattern) => hostMatches(host, pattern))) return { ok: true };
  const allowed = patterns.length > 0 ? patterns.join(', ') : 'empty: no host is allowed';
  return { ok: false, reason: `${field} host ${host} is not in HTTP_TARGET_ALLOWLIST (${allowed})` };
}

function hostMatches(host: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}
