import { ConfigError } from '@app/infra';
import { loadApiConfig } from './api.config';

const OPERATOR = 'o'.repeat(32);
const VIEWER = 'v'.repeat(32);

describe('loadApiConfig', () => {
  it('takes the operator token, and the viewer token when given', () => {
    expect(loadApiConfig({ API_TOKEN: OPERATOR }).tokens).toEqual({ operator: OPERATOR, viewer: null });
    expect(loadApiConfig({ API_TOKEN: OPERATOR, API_READ_TOKEN: VIEWER }).tokens).toEqual({ operator: OPERATOR, viewer: VIEWER });
  });

  it.each([
    [{}, /^API_TOKEN must be set/],
    [{ API_TOKEN: 'short' }, /^API_TOKEN must be at least 24 characters/],
    [{ API_TOKEN: OPERATOR, API_READ_TOKEN: OPERATOR }, /^API_READ_TOKEN must differ from API_TOKEN/],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadApiConfig(env)).toThrow(ConfigError);
    expect(() => loadApiConfig(env)).toThrow(message);
  });

  it('never shows a token in its error', () => {
    const secret = 'with spaces but long enough to count';
    expect(() => loadApiConfig({ API_TOKEN: secret })).toThrow(ConfigError);
    try {
      loadApiConfig({ API_TOKEN: secret });
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });

  it('reads the origins allowed to open the live feed', () => {
    expect(loadApiConfig({ API_TOKEN: OPERATOR, LIVE_ALLOWED_ORIGINS: 'http://a:1, http://b:2,' }).liveAllowedOrigins).toEqual([
      'http://a:1',
      'http://b:2',
    ]);
  });
});
