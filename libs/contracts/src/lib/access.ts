/** Who a token acts as: the operator may do everything, the viewer only read and watch the live feed. */
export const ACCESS_ROLES = ['operator', 'viewer'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** `GET /api/session`: the role of the token the request carries (a request without a valid one is a 401). */
export interface Session {
  role: AccessRole;
}
