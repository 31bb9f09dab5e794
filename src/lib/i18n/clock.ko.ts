/** Clock messages (Korean). Filled in by the clock UI work (issue 5). */
export const clockKo = {};
