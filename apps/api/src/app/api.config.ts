import { ConfigError, envInt, envList, envSecret, envString, loadInfraConfig, type Env, type InfraConfig } from '@app/infra';
import type { AccessTokens } from './access/access-tokens';

/** Shortest token accepted: 128 bits as hex is 32 characters; 24 leaves room for other encodings of as much. */
const MIN_TOKEN_LENGTH = 24;

export interface ApiConfig extends InfraConfig {
  /** Built dashboard to serve at `/` on the api's origin; none when empty. */
  dashboardDir: string | null;
  /** Interval at which changed runs are pushed to live clients (at most 10 per second per run). */
  liveFlushMs: number;
  /** `API_TOKEN` (operator) and `API_READ_TOKEN` (viewer, optional): required on every route but health and docs. */
  tokens: AccessTokens;
  /** Origins besides the api's own whose pages may open the live feed (`LIVE_ALLOWED_ORIGINS`, comma-separated). */
  liveAllowedOrigins: string[];
  /** How long `GET /api/status` waits for each backend before marking it timed out. */
  statusDeadlineMs: number;
  /** Express's `trust proxy` (`TRUST_PROXY`): which proxies' `X-Forwarded-For` gives the client's address. */
  trustProxy: boolean | string;
  /** Requests one client (by address) may make per second before a 429 (`THROTTLE_PER_SECOND`). */
  throttlePerSecond: number;
}

export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: Env): ApiConfig {
  return {
    ...loadInfraConfig(env, 3000),
    dashboardDir: envString(env, 'DASHBOARD_DIR', '') || null,
    liveFlushMs: envInt(env, 'LIVE_FLUSH_MS', 100, 100, 10_000),
    tokens: loadTokens(env),
    liveAllowedOrigins: envList(env, 'LIVE_ALLOWED_ORIGINS'),
    statusDeadlineMs: envInt(env, 'STATUS_DEADLINE_MS', 150, 10, 10_000),
    trustProxy: trustProxyOf(envString(env, 'TRUST_PROXY', 'loopback')),
    throttlePerSecond: envInt(env, 'THROTTLE_PER_SECOND', 1_000, 1, 1_000_000),
  };
}

/** `true`/`false`, or what Express takes as is: `loopback`, a subnet, a list of addresses. */
function trustProxyOf(value: string): boolean | string {
  return value === 'true' ? true : value === 'false' ? false : value;
}

function loadTokens(env: Env): AccessTokens {
  const operator = envSecret(env, 'API_TOKEN', MIN_TOKEN_LENGTH);
  const viewer = envSecret(env, 'API_READ_TOKEN', MIN_TOKEN_LENGTH, true);
  if (viewer === operator) throw new ConfigError('API_READ_TOKEN must differ from API_TOKEN');
  return { operator, viewer };
}
