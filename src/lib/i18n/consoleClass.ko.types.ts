import type { consoleClassKo } from './consoleClass.ko';

/** The shape every language's class-page messages must have. */
export type ConsoleClassMessages = typeof consoleClassKo;
