import { createHash, timingSafeEqual } from 'node:crypto';
import type { AccessRole } from '@app/contracts';

export interface AccessTokens {
  operator: string;
  /** None when no read-only token is configured. */
  viewer: string | null;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Constant-time comparison: both sides are hashed first, so neither the length nor a common prefix of a wrong
 * token shows in how long the answer takes.
 */
const sameToken = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));

/** The token of an `Authorization: Bearer <token>` header, or null when the header is missing or of another scheme. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}

/** The role a presented token grants, or null for none (missing or wrong). */
export function roleOf(token: string | null | undefined, tokens: AccessTokens): AccessRole | null {
  if (typeof token !== 'string' || token.length === 0) return null;
  // Both comparisons always run, so the answer's timing does not say which token was close.
  const operator = sameToken(token, tokens.operator);
  const viewer = tokens.viewer !== null && sameToken(token, tokens.viewer);
  return operator ? 'operator' : viewer ? 'viewer' : null;
}

/** Whether a role may make a request of this HTTP method: the viewer reads only. */
export const mayRequest = (role: AccessRole, method: string): boolean => role === 'operator' || method === 'GET' || method === 'HEAD';
