/** Injection token of the process's validated `InfraConfig`. */
export const INFRA_CONFIG = Symbol('INFRA_CONFIG');
