import type { ClockMessages } from './clock.ko.types';

/** Clock messages (English); mirrors clock.ko.ts. */
export const clockEn: ClockMessages = {};
