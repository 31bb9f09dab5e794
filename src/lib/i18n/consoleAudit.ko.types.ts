import type { consoleAuditKo } from './consoleAudit.ko';

/** The shape every language's console-audit messages must have. */
export type ConsoleAuditMessages = typeof consoleAuditKo;
