import type { Flow } from '../Flow';
import { enrollKeyUri } from './enrollKeyUri';
import { enrollInstituteLink } from './enrollInstituteLink';
import { reopenUnlock } from './reopenUnlock';
import { wrongPinLockout } from './wrongPinLockout';
import { offlineReopen } from './offlineReopen';
import { clockWarning } from './clockWarning';
import { storageNoSecret } from './storageNoSecret';
import { twoTabsWrite } from './twoTabsWrite';
import { passkeyFallback } from './passkeyFallback';

/** Issue 18's trainee flows, in the order the results table lists them. */
export const FLOWS: readonly Flow[] = [
	enrollKeyUri,
	enrollInstituteLink,
	reopenUnlock,
	wrongPinLockout,
	offlineReopen,
	clockWarning,
	storageNoSecret,
	twoTabsWrite,
	passkeyFallback
];
