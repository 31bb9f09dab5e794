import type { reachKo } from './reach.ko';

/** The shape every language's reach messages must have. */
export type ReachMessages = typeof reachKo;
