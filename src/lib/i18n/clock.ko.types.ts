import type { clockKo } from './clock.ko';

/** The shape every language's clock messages must have. */
export type ClockMessages = typeof clockKo;
