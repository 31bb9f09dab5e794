/**
 * A text field of a submitted form, treating the form as hostile: a missing field or a file
 * upload in its place reads as `''`, and anything longer than `max` is cut (the field rules
 * then refuse it with a proper message instead of the page crashing).
 */
export function formString(form: FormData, name: string, max = 256): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max + 1) : '';
}
