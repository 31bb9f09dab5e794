import type { consoleKo } from './console.ko';

/** The shape every language's console messages must have. */
export type ConsoleShellMessages = typeof consoleKo;
