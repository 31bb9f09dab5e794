import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeFixtureVault } from './fixtures.testing';
import { decodeVaultFile, encodeVaultFile, verifyVaultFile, type VaultFile } from './VaultFile';
import { VaultError } from './VaultError';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

/** Applies a random JSON-level edit: replaces the value at a random path with a random value. */
function mutateJson(text: string, pathSeed: number[], value: unknown): string {
	const root = JSON.parse(text);
	let node: any = root;
	for (let depth = 0; depth < pathSeed.length; depth++) {
		const keys = node && typeof node === 'object' ? Object.keys(node) : [];
		if (keys.length === 0) break;
		const key = keys[pathSeed[depth]! % keys.length]!;
		const child = node[key];
		if (depth === pathSeed.length - 1 || !child || typeof child !== 'object') {
			node[key] = value;
			break;
		}
		node = child;
	}
	return JSON.stringify(root);
}

describe('decodeVaultFile fuzz', () => {
	it(`lets only VaultError escape, and never accepts an edited record (${RUNS} runs per property)`, async () => {
		console.log(`decodeVaultFile fuzz: ${RUNS} runs per property (FUZZ_RUNS)`);
		const { file, integrityKey } = await makeFixtureVault({ passkey: true });
		const original = encodeVaultFile(file);

		/** Decodes (and, if that succeeds, verifies) and checks the outcome. */
		const check = async (text: string) => {
			let decoded;
			try {
				decoded = decodeVaultFile(text);
			} catch (e) {
				expect(e).toBeInstanceOf(VaultError);
				return;
			}
			try {
				await verifyVaultFile(decoded, integrityKey);
			} catch (e) {
				expect(e).toMatchObject({ code: 'VAULT_TAMPERED' });
				return;
			}
			// Verified: then it must be the original content (JSON allows other spellings, e.g. whitespace).
			expect(encodeVaultFile(decoded as VaultFile)).toBe(original);
		};

		// Arbitrary strings and arbitrary JSON.
		await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: RUNS });
		await fc.assert(fc.asyncProperty(fc.json({ maxDepth: 5 }), check), { numRuns: RUNS });

		// Character-level mutations of a valid record: replace, insert or delete runs.
		const textEdit = fc.record({
			pos: fc.nat(),
			deleteCount: fc.nat(4),
			insert: fc.string({ unit: 'binary', maxLength: 4 })
		});
		await fc.assert(
			fc.asyncProperty(fc.array(textEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
				let text = original;
				for (const { pos, deleteCount, insert } of edits) {
					const i = pos % (text.length + 1);
					text = text.slice(0, i) + insert + text.slice(i + deleteCount);
				}
				await check(text);
			}),
			{ numRuns: RUNS }
		);

		// Structure-aware mutations: any field replaced by any JSON value.
		await fc.assert(
			fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), async (path, value) => {
				await check(mutateJson(original, path, value));
			}),
			{ numRuns: RUNS }
		);
	}, Math.max(60_000, RUNS * 4)); // npm run fuzz: 4 × 100,000 decodes and MAC checks take minutes
});
