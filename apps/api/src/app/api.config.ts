import { envInt, envString, loadInfraConfig, type Env, type InfraConfig } from '@app/infra';

export interface ApiConfig extends InfraConfig {
  /** Built dashboard to serve at `/` on the api's origin; none when empty. */
  dashboardDir: string | null;
  /** Interval at which changed runs are pushed to live clients (at most 10 per second per run). */
  liveFlushMs: number;
}

export const API_CONFIG = Symbol('API_CONFIG');

export function loadApiConfig(env: Env): ApiConfig {
  return {
    ...loadInfraConfig(env, 3000),
    dashboardDir: envString(env, 'DASHBOARD_DIR', '') || null,
    liveFlushMs: envInt(env, 'LIVE_FLUSH_MS', 100, 100, 10_000),
  };
}
