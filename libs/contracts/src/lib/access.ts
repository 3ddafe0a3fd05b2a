/** Who a token acts as: the operator may do everything, the viewer only read and watch the live feed. */
export const ACCESS_ROLES = ['operator', 'viewer'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** `GET /api/session`: the role of the token the request carries (a request without a valid one is a 401). */
export interface Session {
  role: AccessRole;
}

/**
 * The live feed's refusal of a handshake without a valid token (the `connect_error` message the client receives),
 * so that the dashboard tells a refused token from a network error and signs out.
 */
export const LIVE_TOKEN_REFUSED = 'a valid token is required';
