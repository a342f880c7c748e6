/**
 * A value inside a Temporal visibility query, quoted. Quotes and backslashes are dropped, not escaped: no
 * code, id or status of the service holds them, and whatever a caller puts in a filter can then never end
 * the string early and add a clause of its own.
 */
export const quoteValue = (v: string): string => `'${v.replace(/['\\]/g, '')}'`;
