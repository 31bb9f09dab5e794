import { constantTimeEqual, randomBytes, toBase64Url, wipe } from '../crypto/bytes';
import { KDF_DEFAULT, assertKdfParams, isCurrentKdf, type KdfParams, type PinKdf } from '../crypto/pinKdf';
import { importHmacKey } from '../otp/importHmacKey';
import { assertAccountInput, type AccountInput } from './AccountInput';
import { assertIntegrityKey } from './IntegrityKey';
import { generateMasterKey, importMasterKey, masterKeyMatches } from './MasterKey';
import { createPasskeySlot, openPasskeySlot, PRF_OUTPUT_LENGTH, PRF_SALT_LENGTH } from './PasskeySlot';
import { createPinSlot, openPinSlot, type PinSlot } from './PinSlot';
import { assertPin } from './pin';
import { SlotList, type PasskeySummary } from './SlotList';
import { openAccountSecret, sealAccount, type StoredAccount } from './StoredAccount';
import { unlockWithMasterKey, type UnlockedAccount, type UnlockedVault } from './UnlockedVault';
import { VaultError } from './VaultError';
import { KEY_ID_LENGTH, signVaultFile, verifyVaultFile, VAULT_VERSION, type VaultFile, type VaultSlot } from './VaultFile';
import { VAULT_LIMITS } from './vaultLimits';

export type { AccountInput, UnlockedAccount, UnlockedVault };

/**
 * The vault operations the app calls. All are pure with respect to storage: each takes a
 * `VaultFile` and returns a NEW one (the caller persists `encodeVaultFile(result)` in one
 * IndexedDB write, so a crash never leaves half an update). Every operation on an existing file
 * verifies its MAC first, so a tampered record is never re-signed (laundered).
 *
 * Raw master-key bytes exist only inside these functions and are wiped before they return;
 * sessions hold MK as a non-extractable AES-CTR key and secrets as non-extractable HMAC keys.
 */

/**
 * Creates a vault: a fresh master key, one PIN slot, and the given accounts.
 * @param opts.pin - the new PIN, 6 ASCII digits
 * @param opts.accounts - accounts to store (at most `VAULT_LIMITS.maxAccounts`)
 * @param opts.integrityKey - the device HMAC key (`generateIntegrityKey`)
 * @param opts.kdf - KDF parameters (default `KDF_DEFAULT`, argon2id); must meet the floor
 * @param opts.now - creation time, ms since the epoch (default `Date.now()`)
 * @param opts.onProgress - KDF progress, 0..1
 * @param opts.derive - the KDF implementation (default: the core's JavaScript one)
 * @throws {VaultError} `PIN_INVALID_FORMAT`, `ACCOUNT_LIMIT`
 * @throws {TypeError} / {RangeError} on bad accounts, keys or parameters
 */
export async function createVault(opts: {
	pin: string;
	accounts: AccountInput[];
	integrityKey: CryptoKey;
	kdf?: KdfParams;
	now?: number;
	onProgress?: (f: number) => void;
	derive?: PinKdf | undefined;
}): Promise<{ file: VaultFile; unlocked: UnlockedVault }> {
	const { pin, accounts, integrityKey, kdf = KDF_DEFAULT, now = Date.now(), onProgress, derive } = opts;
	// Everything that can be refused is refused before the expensive scrypt run.
	assertPin(pin);
	if (!Array.isArray(accounts)) throw new TypeError('accounts must be an array');
	if (accounts.length > VAULT_LIMITS.maxAccounts) throw new VaultError('ACCOUNT_LIMIT', `at most ${VAULT_LIMITS.maxAccounts} accounts`);
	accounts.forEach(assertAccountInput);
	accounts.forEach((a, i) => {
		if (accounts.slice(0, i).some((b) => constantTimeEqual(a.secret, b.secret))) throw new VaultError('ACCOUNT_DUPLICATE', 'the same secret twice');
	});
	assertKdfParams(kdf);
	assertIntegrityKey(integrityKey, 'sign');

	const mk = generateMasterKey();
	try {
		const pinSlot = await createPinSlot(mk, pin, { kdf, derive, ...(onProgress ? { onProgress } : {}) });
		const masterKey = await importMasterKey(mk);
		const stored = await Promise.all(accounts.map((a) => sealAccount(masterKey, a, { now })));
		const header = { keyId: newKeyId(), slots: [pinSlot] };
		const file = await signVaultFile({ version: VAULT_VERSION, generation: 1, header, db: { accounts: stored } }, integrityKey);
		const unlocked = await Promise.all(stored.map((s, i) => unlockedFromInput(s.id, accounts[i]!)));
		return { file, unlocked: { masterKey, accounts: unlocked } };
	} finally {
		wipe(mk);
	}
}

/**
 * Unlocks with the PIN. The MAC is verified first; then the slot's scrypt parameters are
 * checked against the floor before any work.
 *
 * A wrong PIN either fails the 8-bit check (`PIN_CHECK_FAILED`, certainly wrong: count it as a
 * strike) or, for about 1 in 256 wrong PINs, "succeeds" with keys that produce plausible wrong
 * codes. That is the design (docs/vault-format.md, "PIN slot"), not a bug.
 * @throws {VaultError} `PIN_INVALID_FORMAT`, `VAULT_TAMPERED`, `VAULT_KDF_TOO_WEAK`,
 *   `VAULT_CORRUPT`, `PIN_CHECK_FAILED`
 */
export async function unlockWithPin(
	file: VaultFile,
	pin: string,
	integrityKey: CryptoKey,
	onProgress?: (f: number) => void,
	derive?: PinKdf
): Promise<UnlockedVault> {
	assertPin(pin);
	await verifyVaultFile(file, integrityKey);
	const mk = await openPinSlot(new SlotList(file.header.slots).pin(), pin, onProgress, derive);
	try {
		return await unlockWithMasterKey(file.db.accounts, mk);
	} finally {
		wipe(mk);
	}
}

/**
 * `unlockWithPin`, and when the PIN slot's KDF is not `KDF_DEFAULT` (a scrypt slot of versions
 * 1–2), the record that re-wraps MK under the same PIN with `KDF_DEFAULT`: a new slot (new salt,
 * same slot id), every other slot and account unchanged, `generation` + 1. The caller writes it
 * in the same compare-and-swap that confirms the unlock, so the old slot is replaced in one write
 * or not at all (docs/vault-format.md, "Upgrading the KDF").
 *
 * The new slot wraps whatever MK' the typed PIN opened. A wrong PIN that passes the 8-bit check
 * (1 in 256 wrong PINs) would therefore re-wrap a wrong MK' under that wrong PIN; nothing can tell
 * without an offline oracle. docs/vault-format.md weighs this (and why it cannot be avoided).
 * Progress runs 0..0.5 for the old KDF and 0.5..1 for the new one.
 * @returns the session, and the upgraded record or `null` when the slot is current
 * @throws {VaultError} as `unlockWithPin`
 */
export async function unlockWithPinUpgrading(
	file: VaultFile,
	pin: string,
	integrityKey: CryptoKey,
	onProgress?: (f: number) => void,
	derive?: PinKdf
): Promise<{ unlocked: UnlockedVault; upgraded: VaultFile | null }> {
	assertPin(pin);
	await verifyVaultFile(file, integrityKey);
	const slots = new SlotList(file.header.slots);
	const old = slots.pin();
	if (isCurrentKdf(old.kdf)) return { unlocked: await unlockWithPin(file, pin, integrityKey, onProgress, derive), upgraded: null };
	const half = (from: number) => (onProgress ? (f: number) => onProgress(from + f / 2) : undefined);
	const mk = await openPinSlot(old, pin, half(0), derive);
	try {
		const unlocked = await unlockWithMasterKey(file.db.accounts, mk);
		const slot: PinSlot = await createPinSlot(mk, pin, { kdf: KDF_DEFAULT, id: old.id, derive, ...(onProgress ? { onProgress: half(0.5)! } : {}) });
		const upgraded = await nextFile(file, { header: { keyId: file.header.keyId, slots: slots.withPin(slot) } }, integrityKey);
		onProgress?.(1);
		return { unlocked, upgraded };
	} finally {
		wipe(mk);
	}
}

/**
 * Unlocks with a passkey's PRF output.
 * @param slotId - the passkey slot to open (the edge finds it by credential id)
 * @param prfOutput - 32-byte PRF result for that slot's `prfSalt`
 * @throws {VaultError} `VAULT_TAMPERED`, `SLOT_NOT_FOUND`, `PASSKEY_UNWRAP_FAILED`, `VAULT_CORRUPT`
 */
export async function unlockWithPasskey(
	file: VaultFile,
	slotId: string,
	prfOutput: Uint8Array,
	integrityKey: CryptoKey
): Promise<UnlockedVault> {
	await verifyVaultFile(file, integrityKey);
	const mk = await openPasskeySlot(new SlotList(file.header.slots).passkey(slotId), prfOutput);
	try {
		return await unlockWithMasterKey(file.db.accounts, mk);
	} finally {
		wipe(mk);
	}
}

/**
 * Adds an account, sealed under the session's master key.
 *
 * A secret the vault already holds is refused (`ACCOUNT_DUPLICATE`, the same QR scanned twice):
 * two ciphertexts of one secret under independent counters decrypt to two equal byte strings
 * under the right master key and to two different ones under any wrong key, which would let a
 * copier confirm a PIN offline without ever seeing a code (docs/threat-model.md). The stored
 * secrets are compared under the session's key; the comparison is only as good as the session
 * (after a lucky wrong PIN it finds nothing, and then also stores nothing equal).
 * @throws {VaultError} `VAULT_TAMPERED`, `ACCOUNT_LIMIT`, `ACCOUNT_DUPLICATE`
 * @throws {TypeError} / {RangeError} on a bad account
 */
export async function addAccount(
	file: VaultFile,
	unlocked: UnlockedVault,
	input: AccountInput,
	integrityKey: CryptoKey,
	now: number = Date.now()
): Promise<{ file: VaultFile; unlocked: UnlockedVault }> {
	assertAccountInput(input);
	await verifyVaultFile(file, integrityKey);
	if (file.db.accounts.length >= VAULT_LIMITS.maxAccounts) {
		throw new VaultError('ACCOUNT_LIMIT', `at most ${VAULT_LIMITS.maxAccounts} accounts`);
	}
	if (await holdsSecret(file.db.accounts, unlocked.masterKey, input.secret)) throw new VaultError('ACCOUNT_DUPLICATE', 'the vault already holds this secret');
	const stored = await sealAccount(unlocked.masterKey, input, { now });
	const next = await nextFile(file, { db: { accounts: [...file.db.accounts, stored] } }, integrityKey);
	const account = await unlockedFromInput(stored.id, input);
	return { file: next, unlocked: { masterKey: unlocked.masterKey, accounts: [...unlocked.accounts, account] } };
}

/**
 * Removes an account.
 * @throws {VaultError} `VAULT_TAMPERED`, `ACCOUNT_NOT_FOUND`
 */
export async function removeAccount(
	file: VaultFile,
	unlocked: UnlockedVault,
	accountId: string,
	integrityKey: CryptoKey
): Promise<{ file: VaultFile; unlocked: UnlockedVault }> {
	await verifyVaultFile(file, integrityKey);
	if (!file.db.accounts.some((a) => a.id === accountId)) throw new VaultError('ACCOUNT_NOT_FOUND', 'no account with that id');
	const next = await nextFile(file, { db: { accounts: file.db.accounts.filter((a) => a.id !== accountId) } }, integrityKey);
	return {
		file: next,
		unlocked: { masterKey: unlocked.masterKey, accounts: unlocked.accounts.filter((a) => a.id !== accountId) }
	};
}

/**
 * Changes the PIN and re-keys the vault, in one new record: a fresh master key MK2, a new PIN
 * slot wrapping it (new salt, new id, `kdf` or the current default), every account's secret
 * re-sealed under MK2 with a new counter block, and a new `keyId`.
 *
 * Why re-key: re-wrapping the same MK under the new PIN would let someone holding one copy of
 * the storage from before the change and one from after intersect the two slots' candidate
 * sets, which leaves exactly the true MK and both PINs (docs/vault-format.md, "Re-keying").
 * Passkey slots wrap the old MK, and cannot be re-wrapped without their authenticators, so they
 * are dropped; the caller tells the person and forgets those passkeys.
 *
 * Pass the current session as `unlocked` whenever there is one: a wrong old PIN that passes the
 * 8-bit check (about 1 in 256) would otherwise re-seal garbage under MK2 and break the vault for
 * good; with the session it is caught as `PIN_CHECK_FAILED`. (Comparing against the session is
 * no oracle: whoever holds the session already has MK.)
 * @returns the new record, a session under MK2 (same accounts and HMAC keys), and the passkey
 *   slots that were dropped
 * @throws {VaultError} `PIN_INVALID_FORMAT`, `VAULT_TAMPERED`, `VAULT_KDF_TOO_WEAK`, `PIN_CHECK_FAILED`
 */
export async function changePin(
	file: VaultFile,
	oldPin: string,
	newPin: string,
	integrityKey: CryptoKey,
	kdf: KdfParams = KDF_DEFAULT,
	unlocked?: UnlockedVault,
	derive?: PinKdf
): Promise<{ file: VaultFile; unlocked: UnlockedVault; removedPasskeys: PasskeySummary[] }> {
	assertPin(oldPin);
	assertPin(newPin);
	assertKdfParams(kdf);
	await verifyVaultFile(file, integrityKey);
	const slots = new SlotList(file.header.slots);
	const mk = await openPinSlot(slots.pin(), oldPin, undefined, derive);
	const mk2 = generateMasterKey();
	try {
		await assertSessionKey(unlocked, mk);
		const oldKey = await importMasterKey(mk);
		const newKey = await importMasterKey(mk2);
		const accounts = await Promise.all(file.db.accounts.map((a) => resealAccount(a, oldKey, newKey)));
		const pinSlot = await createPinSlot(mk2, newPin, { kdf, derive });
		const next = await nextFile(file, { header: { keyId: newKeyId(), slots: slots.pinOnly(pinSlot) }, db: { accounts } }, integrityKey);
		const session = { masterKey: newKey, accounts: unlocked ? unlocked.accounts : (await unlockWithMasterKey(accounts, mk2)).accounts };
		return { file: next, unlocked: session, removedPasskeys: slots.summaries() };
	} finally {
		wipe(mk);
		wipe(mk2);
	}
}

/**
 * Adds a passkey slot wrapping MK under a WebAuthn PRF output. MK is recovered with the PIN
 * (the session holds MK only as a non-extractable key, which cannot be re-wrapped).
 * Pass the session as `unlocked` for the same reason as in `changePin`.
 * @param passkey.credentialId - raw credential id
 * @param passkey.prfSalt - the 32-byte PRF input (the edge evaluated the PRF with it)
 * @param passkey.prfOutput - the 32-byte PRF result
 * @throws {VaultError} `PIN_INVALID_FORMAT`, `VAULT_TAMPERED`, `VAULT_KDF_TOO_WEAK`, `PIN_CHECK_FAILED`
 * @throws {RangeError} when the vault already has the maximum number of passkey slots, or one
 *   for this credential, or a byte array has the wrong length
 */
export async function addPasskeySlot(
	file: VaultFile,
	pin: string,
	passkey: { credentialId: Uint8Array; prfSalt: Uint8Array; prfOutput: Uint8Array },
	integrityKey: CryptoKey,
	now: number = Date.now(),
	unlocked?: UnlockedVault,
	derive?: PinKdf
): Promise<VaultFile> {
	assertPin(pin);
	if (!(passkey.prfSalt instanceof Uint8Array) || passkey.prfSalt.length !== PRF_SALT_LENGTH) throw new RangeError(`prfSalt must be ${PRF_SALT_LENGTH} bytes`);
	if (!(passkey.prfOutput instanceof Uint8Array) || passkey.prfOutput.length !== PRF_OUTPUT_LENGTH) throw new RangeError(`prfOutput must be ${PRF_OUTPUT_LENGTH} bytes`);
	await verifyVaultFile(file, integrityKey);
	const slots = new SlotList(file.header.slots);
	if (slots.passkeys().length >= VAULT_LIMITS.maxPasskeySlots) throw new RangeError(`at most ${VAULT_LIMITS.maxPasskeySlots} passkey slots`);
	if (slots.hasCredential(toBase64Url(passkey.credentialId))) throw new RangeError('this credential already has a slot');
	const mk = await openPinSlot(slots.pin(), pin, undefined, derive);
	try {
		await assertSessionKey(unlocked, mk);
		const slot = await createPasskeySlot(mk, passkey, { now });
		return await nextFile(file, { header: { keyId: file.header.keyId, slots: slots.withPasskey(slot) } }, integrityKey);
	} finally {
		wipe(mk);
	}
}

/**
 * Removes a passkey slot (the PIN slot cannot be removed).
 * @throws {VaultError} `VAULT_TAMPERED`, `SLOT_NOT_FOUND`
 */
export async function removePasskeySlot(file: VaultFile, slotId: string, integrityKey: CryptoKey): Promise<VaultFile> {
	await verifyVaultFile(file, integrityKey);
	const slots = new SlotList(file.header.slots).withoutPasskey(slotId);
	return nextFile(file, { header: { keyId: file.header.keyId, slots } }, integrityKey);
}

/**
 * What the app can still show after a lockout wipe, or without unlocking: which institute and
 * which account, so the trainee knows whom to call. Reads cleartext metadata only.
 * @param file - the vault
 */
export function lockedOutSummary(file: VaultFile): { issuer: string; account: string }[] {
	return file.db.accounts.map(({ issuer, account }) => ({ issuer, account }));
}

/**
 * The record that follows `file`: the given parts replaced, `generation` + 1, signed. Every
 * write goes through here, so every write moves the generation (the compare-and-swap number).
 */
async function nextFile(
	file: VaultFile,
	change: { header?: { keyId: string; slots: readonly VaultSlot[] }; db?: { accounts: readonly StoredAccount[] } },
	integrityKey: CryptoKey
): Promise<VaultFile> {
	return signVaultFile(
		{ version: VAULT_VERSION, generation: file.generation + 1, header: change.header ?? file.header, db: change.db ?? file.db },
		integrityKey
	);
}

/** A fresh key id: random, so it names a master key without saying anything about it. */
function newKeyId(): string {
	return toBase64Url(randomBytes(KEY_ID_LENGTH));
}

/** Whether one of the stored accounts decrypts, under `masterKey`, to exactly `secret`. */
async function holdsSecret(accounts: readonly StoredAccount[], masterKey: CryptoKey, secret: Uint8Array): Promise<boolean> {
	let found = false;
	for (const a of accounts) {
		const plain = await openAccountSecret(masterKey, a);
		if (constantTimeEqual(plain, secret)) found = true;
		wipe(plain);
	}
	return found;
}

/** The same account, its secret decrypted under the old key and sealed under the new one. */
async function resealAccount(stored: StoredAccount, oldKey: CryptoKey, newKey: CryptoKey): Promise<StoredAccount> {
	const secret = await openAccountSecret(oldKey, stored);
	try {
		const { issuer, account, algorithm, digits, period, id, addedAt } = stored;
		return await sealAccount(newKey, { issuer, account, algorithm, digits, period, secret }, { now: addedAt, id });
	} finally {
		wipe(secret);
	}
}

/** A recovered MK that differs from the session's came from a wrong PIN that passed the check. */
async function assertSessionKey(unlocked: UnlockedVault | undefined, mk: Uint8Array): Promise<void> {
	if (unlocked && !(await masterKeyMatches(unlocked.masterKey, mk))) {
		throw new VaultError('PIN_CHECK_FAILED', 'wrong PIN (does not match the unlocked session)');
	}
}

async function unlockedFromInput(id: string, input: AccountInput): Promise<UnlockedAccount> {
	const { issuer, account, algorithm, digits, period } = input;
	return { id, issuer, account, algorithm, digits, period, key: await importHmacKey(input.secret, algorithm) };
}
