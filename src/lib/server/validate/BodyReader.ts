import { ApiError } from '../ApiError';

/**
 * Typed access to a parsed JSON body that treats every byte as hostile: it must be a plain
 * object, may hold only the listed keys, and each field is read with an explicit type and
 * length bound. Every refusal is a 400 naming the field, never a crash further down.
 */
export class BodyReader {
	readonly #body: Record<string, unknown>;

	/**
	 * @param body - the result of `JSON.parse`
	 * @param allowed - the only keys the body may carry (a typo such as `traineeID` is refused, not ignored)
	 */
	constructor(body: unknown, allowed: readonly string[]) {
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			throw ApiError.badRequest('body', 'the body must be a JSON object');
		}
		for (const key of Object.keys(body)) {
			if (!allowed.includes(key)) throw ApiError.badRequest(key, `unknown field "${key.slice(0, 40)}"`);
		}
		this.#body = body as Record<string, unknown>;
	}

	/** Whether `name` is present (and not `null`). */
	has(name: string): boolean {
		return Object.hasOwn(this.#body, name) && this.#body[name] !== null;
	}

	/**
	 * A string field of at most `maxLength` UTF-16 units.
	 * @throws ApiError `BAD_REQUEST` when missing, not a string or too long
	 */
	string(name: string, maxLength: number): string {
		if (!this.has(name)) throw ApiError.badRequest(name, `"${name}" is required`);
		const value = this.#body[name];
		if (typeof value !== 'string') throw ApiError.badRequest(name, `"${name}" must be a string`);
		if (value.length > maxLength) throw ApiError.badRequest(name, `"${name}" is longer than ${maxLength}`);
		return value;
	}

	/** Like {@link string} but `undefined` when the field is absent or `null`. */
	optionalString(name: string, maxLength: number): string | undefined {
		return this.has(name) ? this.string(name, maxLength) : undefined;
	}
}
