/** Raised at start-up for a bad environment variable; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export function envString(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

export function envInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * A URL as an error may show it: any user and password masked (`amqp://guest:secret@host` -> `amqp://***@host`).
 * Everything from `//` to the last `@` goes, since a password may hold `/` or `@` itself (a malformed URL, which is
 * exactly what reaches an error); an `@` further on (in a path) only masks more than needed, never less.
 */
export const redactedUrl = (value: string): string => value.replace(/\/\/[\s\S]*@/, '//***@');

export function envChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
  const value = envString(env, name, fallback);
  if (!(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}

export function envUrl(env: Env, name: string, fallback: string, protocols: readonly string[]): string {
  return checkedUrl(name, envString(env, name, fallback), protocols);
}

/** A comma-separated list of URLs (a cluster's nodes), each checked as `envUrl` checks one; empty when unset. */
export function envUrls(env: Env, name: string, protocols: readonly string[]): string[] {
  return envList(env, name).map((value) => checkedUrl(name, value, protocols));
}

function checkedUrl(name: string, value: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${redactedUrl(value)}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${redactedUrl(value)}"`);
  }
  return value;
}

/**
 * A cluster's nodes from `list` (`AMQP_URLS`), else the one node of `single` (`AMQP_URL`, `fallback` when unset): at
 * least one. Both set is refused, since which one is meant would be a guess.
 */
export function envNodeUrls(env: Env, list: string, single: string, fallback: string, protocols: readonly string[]): string[] {
  const listed = envUrls(env, list, protocols);
  if (listed.length === 0) return [envUrl(env, single, fallback, protocols)];
  if (envString(env, single, '') !== '') {
    throw new ConfigError(`${single} and ${list} are both set: set ${list} alone for a cluster, ${single} alone for one node`);
  }
  return listed;
}

export function envName(env: Env, name: string, fallback: string): string {
  const value = envString(env, name, fallback);
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(value)) {
    throw new ConfigError(`${name} must be lowercase letters, digits and dashes (max 32), got "${value}"`);
  }
  return value;
}

/**
 * A secret such as a token: required unless `optional`, at least `minLength` characters, without white space. Its
 * value never appears in an error (nor anywhere else the config is printed).
 */
export function envSecret(env: Env, name: string, minLength: number, optional: true): string | null;
export function envSecret(env: Env, name: string, minLength: number, optional?: false): string;
export function envSecret(env: Env, name: string, minLength: number, optional = false): string | null {
  const value = env[name];
  if (value === undefined || value === '') {
    if (optional) return null;
    throw new ConfigError(`${name} must be set (npm start generates one into .env; see docs/operations.md)`);
  }
  if (value.length < minLength || /\s/.test(value)) {
    throw new ConfigError(`${name} must be at least ${minLength} characters without spaces (the value is not shown)`);
  }
  return value;
}

/** A comma-separated list; empty entries are dropped. */
export function envList(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export interface HostPort {
  host: string;
  port: number;
}

/** A comma-separated list of `host:port` (`host` alone takes `defaultPort`); an IPv6 host goes in brackets. */
export function envHostPorts(env: Env, name: string, defaultPort: number): HostPort[] {
  return envList(env, name).map((item) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/.exec(item);
    const port = match?.[2] === undefined ? defaultPort : Number(match[2]);
    if (!match || port < 1 || port > 65535) throw new ConfigError(`${name} must be a comma-separated list of host:port, got "${item}"`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}
