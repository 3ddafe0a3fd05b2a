import { bearerToken, mayRequest, roleOf } from './access-tokens';

const tokens = { operator: 'operator-token-0123456789', viewer: 'viewer-token-0123456789' };

describe('bearerToken', () => {
  it('reads the token of a Bearer header, whatever the scheme case', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc')).toBe('abc');
  });

  it('is null for a missing header, another scheme or an empty token', () => {
    expect(bearerToken(undefined)).toBeNull();
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken('Bearer ')).toBeNull();
    expect(bearerToken('Bearer a b')).toBeNull();
  });
});

describe('roleOf', () => {
  it('grants the operator or the viewer role by token', () => {
    expect(roleOf(tokens.operator, tokens)).toBe('operator');
    expect(roleOf(tokens.viewer, tokens)).toBe('viewer');
  });

  it('grants nothing for a wrong, empty or missing token, or a prefix of a right one', () => {
    expect(roleOf('nope', tokens)).toBeNull();
    expect(roleOf('', tokens)).toBeNull();
    expect(roleOf(null, tokens)).toBeNull();
    expect(roleOf(tokens.operator.slice(0, -1), tokens)).toBeNull();
  });

  it('has no viewer when no read token is configured', () => {
    expect(roleOf(tokens.viewer, { operator: tokens.operator, viewer: null })).toBeNull();
  });
});

describe('mayRequest', () => {
  it('lets the viewer read only, and the operator do everything', () => {
    expect(['GET', 'HEAD'].every((method) => mayRequest('viewer', method))).toBe(true);
    expect(['POST', 'PATCH', 'DELETE', 'PUT'].some((method) => mayRequest('viewer', method))).toBe(false);
    expect(['GET', 'POST', 'PATCH', 'DELETE'].every((method) => mayRequest('operator', method))).toBe(true);
  });
});
