/**
 * A plan's number and symbol as a reader expects them: "15/KH-UBND"; a plan issued with its number left blank
 * (the seed plan reads "Số: /KH-UBND", the number written in by hand) shows its symbol and says so. The
 * console and the audit timeline word it the same way.
 */
export function formatPlanReference(reference: string): string {
  return reference.startsWith('/') ? `${reference.slice(1)} (chưa ghi số)` : reference;
}
