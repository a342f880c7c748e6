/**
 * A capacity (workflows/common/capacity.ts) in words: the lines of its signature block and one line for the
 * audit. Plain code with no import but a type, so the console words it as the API does.
 */
import type { Capacity } from './capacity';

const upper = (s: string): string => s.toLocaleUpperCase('vi');

/**
 * The lines above the signature, in capitals: "TM. ỦY BAN NHÂN DÂN" for a collective's matter, then the form
 * with the principal's title ("KT. CHỦ TỊCH"), then the signer's own title ("PHÓ CHỦ TỊCH"). The head signs
 * under their title alone; an acting head "Q. CHỦ TỊCH" alone, the acting being their title meanwhile.
 */
export function signatureLines(c: Capacity): string[] {
  const lines = c.collective ? [`TM. ${c.collective}`] : [];
  if (c.form === 'direct') lines.push(c.principalTitle);
  else if (c.form === 'Q.') lines.push(`Q. ${c.principalTitle}`);
  else lines.push(`${c.form} ${c.principalTitle}`, c.signerTitle);
  return lines.map(upper);
}

/** Who signed and how, in one line: "KT. Chủ tịch, Phó Chủ tịch Dương Thị Thép". */
export function capacityLine(c: Capacity): string {
  const form = c.form === 'direct' ? c.principalTitle : c.form === 'Q.' ? `Q. ${c.principalTitle}` : `${c.form} ${c.principalTitle}, ${c.signerTitle}`;
  return `${c.collective ? `TM. ${c.collective}, ` : ''}${form} ${c.signer}`;
}

/** The line with its basis, for the audit: "KT. Chủ tịch, Phó Chủ tịch Dương Thị Thép (căn cứ: …)". */
export const capacityText = (c: Capacity): string => `${capacityLine(c)} (căn cứ: ${c.basis})`;
