import type { PasskeySlot } from './PasskeySlot';
import type { PinSlot } from './PinSlot';
import { corrupt } from './fields';
import { VaultError } from './VaultError';
import { VAULT_LIMITS } from './vaultLimits';

/** Any slot: each wraps the same master key. Exactly one PIN slot; passkey slots are optional. */
export type VaultSlot = PinSlot | PasskeySlot;

/** What the lock screen and settings may know about a passkey slot without unlocking (public data). */
export interface PasskeySummary {
	id: string;
	credentialId: string;
	prfSalt: string;
	createdAt: number;
}

/**
 * The vault's key slots and every question asked about them (Aegis's `SlotList`): which one is
 * the PIN slot, which passkey slot answers a credential, and the lists that result from adding,
 * replacing or removing one. Immutable: every change returns a new array for a new record.
 */
export class SlotList {
	readonly #slots: readonly VaultSlot[];

	/** @param slots - the record's `header.slots` */
	constructor(slots: readonly VaultSlot[]) {
		this.#slots = slots;
	}

	/** All slots, in stored order. */
	get all(): readonly VaultSlot[] {
		return this.#slots;
	}

	/**
	 * The PIN slot.
	 * @throws {VaultError} `VAULT_CORRUPT` when there is none (the decoder never lets that through)
	 */
	pin(): PinSlot {
		const slot = this.#slots.find((s): s is PinSlot => s.type === 'pin');
		if (!slot) throw new VaultError('VAULT_CORRUPT', 'vault record: no PIN slot');
		return slot;
	}

	/** The passkey slots, in stored order. */
	passkeys(): PasskeySlot[] {
		return this.#slots.filter((s): s is PasskeySlot => s.type === 'passkey');
	}

	/**
	 * The passkey slot with this id.
	 * @throws {VaultError} `SLOT_NOT_FOUND`
	 */
	passkey(slotId: string): PasskeySlot {
		const slot = this.passkeys().find((s) => s.id === slotId);
		if (!slot) throw new VaultError('SLOT_NOT_FOUND', 'no passkey slot with that id');
		return slot;
	}

	/** Whether a passkey slot already names this credential (base64url raw id). */
	hasCredential(credentialId: string): boolean {
		return this.passkeys().some((s) => s.credentialId === credentialId);
	}

	/** The public part of each passkey slot, for the lock screen's assertion and for settings. */
	summaries(): PasskeySummary[] {
		return this.passkeys().map(({ id, credentialId, prfSalt, createdAt }) => ({ id, credentialId, prfSalt, createdAt }));
	}

	/** The slots with the PIN slot replaced. */
	withPin(slot: PinSlot): VaultSlot[] {
		return this.#slots.map((s) => (s.type === 'pin' ? slot : s));
	}

	/**
	 * The slots plus one passkey slot.
	 * @throws {RangeError} at the passkey limit, or when the credential already has a slot
	 */
	withPasskey(slot: PasskeySlot): VaultSlot[] {
		if (this.passkeys().length >= VAULT_LIMITS.maxPasskeySlots) throw new RangeError(`at most ${VAULT_LIMITS.maxPasskeySlots} passkey slots`);
		if (this.hasCredential(slot.credentialId)) throw new RangeError('this credential already has a slot');
		return [...this.#slots, slot];
	}

	/**
	 * The slots without one passkey slot.
	 * @throws {VaultError} `SLOT_NOT_FOUND`
	 */
	withoutPasskey(slotId: string): VaultSlot[] {
		this.passkey(slotId);
		return this.#slots.filter((s) => !(s.type === 'passkey' && s.id === slotId));
	}

	/** Only the PIN slot: what a re-key keeps (passkey slots wrap the old master key). */
	pinOnly(slot: PinSlot): VaultSlot[] {
		return [slot];
	}

	/**
	 * The cross-slot rules of the format: exactly one PIN slot, at most 8 passkey slots, unique
	 * slot ids, unique credential ids. Shared by the decoder and the signer.
	 * @throws {VaultError} `VAULT_CORRUPT`
	 */
	assertValid(): void {
		const slots = this.#slots;
		if (slots.filter((s) => s.type === 'pin').length !== 1) throw corrupt('header.slots', 'must hold exactly one PIN slot');
		if (slots.length > 1 + VAULT_LIMITS.maxPasskeySlots) throw corrupt('header.slots', 'has too many passkey slots');
		assertUnique(slots.map((s) => s.id), 'slot ids');
		assertUnique(this.passkeys().map((s) => s.credentialId), 'credential ids');
	}
}

function assertUnique(values: readonly string[], what: string): void {
	if (new Set(values).size !== values.length) throw corrupt('header.slots', `has duplicate ${what}`);
}
