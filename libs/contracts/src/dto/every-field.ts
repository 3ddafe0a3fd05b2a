type KeysOfAny<T> = T extends unknown ? keyof T : never;

/**
 * Every field of `T`, or of any member of a union `T`, as one required field: a field optional in `T`, or missing
 * from some members, is `| undefined`. A response class `implements EveryField<X>` where `X` has optional fields
 * or is a union (`implements X` would let it leave those out), so that no field of `X` can go undocumented.
 */
export type EveryField<T> = { [K in KeysOfAny<T>]: T extends unknown ? (K extends keyof T ? T[K] : undefined) : never };
