/**
 * The estimate form's arithmetic, as the service computes it (workflows/budget/rules.ts toVersion): each line's
 * amount is quantity × unit price, the total their sum. Shown live as the staff type; the service recomputes it.
 */

/** A line as typed: strings, since a half-typed number is not a number yet. */
export interface LineDraft {
  description: string;
  activity: string;
  quantity: string;
  unit: string;
  unitPrice: string;
}

export const emptyLine = (): LineDraft => ({ description: '', activity: '', quantity: '1', unit: '', unitPrice: '' });

/**
 * A whole number typed the Vietnamese way: dots (or spaces) between thousands are allowed, "30.500.000" → 30500000.
 * Anything else (a decimal comma, letters, an empty field) is not a whole number: NaN.
 */
export function parseWhole(text: string): number {
  const compact = text.trim().replace(/[.\s]/g, '');
  return /^\d{1,16}$/.test(compact) ? Number(compact) : Number.NaN;
}

/** The line's amount, or null while its quantity or unit price is not a whole number. */
export function lineAmount(line: Pick<LineDraft, 'quantity' | 'unitPrice'>): number | null {
  const q = parseWhole(line.quantity);
  const p = parseWhole(line.unitPrice);
  return Number.isNaN(q) || Number.isNaN(p) ? null : q * p;
}

/** The sum of the lines whose amount is known. */
export function estimateTotal(lines: ReadonlyArray<Pick<LineDraft, 'quantity' | 'unitPrice'>>): number {
  return lines.reduce((sum, l) => sum + (lineAmount(l) ?? 0), 0);
}

/** The body POST /api/v1/budgets expects. A field that is not a number is sent as typed, so the API names it. */
export function estimateBody(draft: { title: string; planId: string; note: string; lines: LineDraft[] }) {
  const num = (text: string): number => {
    const n = parseWhole(text);
    return Number.isNaN(n) ? (text as unknown as number) : n;
  };
  return {
    title: draft.title,
    ...(draft.planId ? { planId: draft.planId } : {}),
    ...(draft.note.trim() ? { note: draft.note } : {}),
    lines: draft.lines.map((l) => ({ description: l.description, activity: l.activity, quantity: num(l.quantity), unit: l.unit, unitPrice: num(l.unitPrice) })),
  };
}
