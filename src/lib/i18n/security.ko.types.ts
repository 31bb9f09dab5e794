import type { securityKo } from './security.ko';

/** The shape every language's security messages must have. */
export type SecurityMessages = typeof securityKo;
