/**
 * The shared zod primitives of every input: text a person typed and calendar dates. One definition, so every
 * field refuses the same bad characters and the same impossible dates with the same words.
 */
import { z } from 'zod';

/**
 * Characters no text of the service may hold: C0 controls (tab and line breaks, LF and CR, aside where text is multi-line),
 * DEL and C1 controls, lone surrogates, and the noncharacters U+FFFE/U+FFFF. They corrupt the .docx sent to
 * the province (XML 1.0 forbids them), PostgreSQL's JSONB (U+0000), CSV exports and email headers.
 */
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u;
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/u;

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function refuseForbidden(forbidden: RegExp) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const found = forbidden.exec(value);
    if (found) ctx.addIssue({ code: 'custom', message: `có ký tự không được phép (${codePoint(found[0])}, ký tự điều khiển hoặc không hợp lệ)` });
  };
}

/** Whether a text holds a character no field may hold (tab and line feed allowed when `multiline`). */
export const hasForbiddenCharacter = (value: string, multiline = false): boolean =>
  (multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE).test(value);

/** Options of a text field: `multiline` allows tabs and line breaks. */
export interface TextOptions {
  multiline?: boolean;
}

/** Text that may be empty (after trimming), at most `max` characters, with no forbidden character. */
export function optionalText(max: number, options: TextOptions = {}) {
  return z.string().trim().max(max, `tối đa ${max} ký tự`).superRefine(refuseForbidden(options.multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE));
}

/** Required text: at least one character after trimming, at most `max`, with no forbidden character. */
export function text(max: number, options: TextOptions = {}) {
  return z.string().trim().min(1, 'không được để trống').max(max, `tối đa ${max} ký tự`).superRefine(refuseForbidden(options.multiline ? FORBIDDEN_MULTI_LINE : FORBIDDEN_SINGLE_LINE));
}

/**
 * A calendar date, YYYY-MM-DD, that exists (2024-02-30 and 2024-13-45 do not). Not `z.iso.date()`: inside the
 * workflow bundle it turns into a Date-object check and refuses every string.
 */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày theo dạng YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'không có ngày này');

/** An email address a person typed: valid, and not beginning with + or - (a mail command's option, a spreadsheet's formula). */
export const EmailSchema = z.email('địa chỉ email không hợp lệ').max(254).regex(/^[^+\-]/, 'địa chỉ email không được bắt đầu bằng + hoặc -');

/** An instant the service wrote (ISO 8601, UTC), in a state or a record. */
export const InstantSchema = z.string().describe('ISO 8601 instant');

/** A unit's code in the directory (`bchqs`, `xa-long-dong`). */
export const UnitCodeSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã đơn vị: chữ thường, số, gạch ngang');

/** A plan's or a campaign's id: lowercase words joined by hyphens (`bac-son-70-nam-dien-bien-phu`). */
export const SlugSchema = z.string().max(100, 'tối đa 100 ký tự').regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'chữ thường, chữ số và dấu gạch ngang');
