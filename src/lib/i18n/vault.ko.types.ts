import type { vaultKo } from './vault.ko';

/** The shape every language's vault messages must have. */
export type VaultMessages = typeof vaultKo;
