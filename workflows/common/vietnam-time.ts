/**
 * An instant's parts as read in Vietnam (Asia/Ho_Chi_Minh), whatever the zone of the machine or the browser:
 * one formatter for the audit's texts and the console alike. Plain code with no import, so the console uses it.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const options = { timeZone: VIETNAM_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const formats = {
  minutes: new Intl.DateTimeFormat('en-GB', options),
  seconds: new Intl.DateTimeFormat('en-GB', { ...options, second: '2-digit' }),
};

/** year, month, day, hour, minute (and second), each two digits but the year. */
export function vietnamParts(instant: string | Date, precision: keyof typeof formats = 'minutes'): Record<string, string> {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return Object.fromEntries(formats[precision].formatToParts(date).map((p) => [p.type, p.value]));
}
