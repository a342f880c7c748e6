/** The frame every message shares: a greeting, the body, a link to the case and the signature. */
import type { WorkingCalendar } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';

/**
 * The console page of a case the API serves at `apiPath`: the console mirrors the API's paths without their
 * prefix (`/api/v1/budgets/<id>` → `/budgets/<id>`), so a link in a message opens in a browser, after sign-in.
 */
export const consoleUrl = (ctx: { publicUrl: string }, apiPath: string): string => `${ctx.publicUrl}${apiPath.replace(/^\/api\/v1(?=\/)/, '')}`;

/** What every template may use besides its notice. */
export interface TemplateContext {
  directory: Directory;
  /** Base URL of the API, for links. */
  publicUrl: string;
  /** The calendar as it stands, to say when a date rests on days off not announced yet. */
  calendar?: WorkingCalendar;
}

/** A message in its two parts (plain text and HTML), and the line the in-app notification shows. */
export interface Rendered {
  subject: string;
  text: string;
  html: string;
  /** The first paragraph of the body: what happened (the notification's summary). */
  summary?: string;
  /** Where the case is read. */
  link?: string;
}

export interface Paragraphs {
  subject: string;
  /** Lines of the body; a line that is an array is a list of label–value rows. */
  body: Array<string | Array<[string, string]>>;
  link?: string;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The names the tenant's messages use (catalog/directory.json, `issuer`, and its units): never a constant. */
export function namesOf(directory: Directory) {
  const { issuer } = directory.data;
  const unitName = (code: string): string => directory.unit(code)?.name ?? code;
  return {
    /** "UBND huyện Bắc Sơn" */
    issuer: issuer.name,
    /** "UBND huyện": the issuer as its own texts call it */
    issuerShort: issuer.shortName,
    /** "huyện" */
    level: issuer.level,
    /** "Lãnh đạo UBND huyện" */
    leadership: unitName(directory.parties.leadership),
    /** "Văn phòng HĐND và UBND huyện" */
    office: unitName(directory.parties.office),
  };
}

/** "Kế hoạch số 15/KH-UBND" — or "Kế hoạch /KH-UBND" while the number is still blank on the document. */
export const planName = (reference: string): string => (reference.startsWith('/') ? `Kế hoạch ${reference}` : `Kế hoạch số ${reference}`);

/** A sentence's word in the middle of a sentence: "Lãnh đạo UBND huyện" → "lãnh đạo UBND huyện". */
export const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

const signatureOf = (directory: Directory): string =>
  `Hệ thống điều hành kế hoạch - ${directory.data.issuer.name}\n(Thư gửi tự động, vui lòng không trả lời thư này.)`;

export function layout({ subject, body, link }: Paragraphs, directory: Directory): Rendered {
  const SIGNATURE = signatureOf(directory);
  const textParts = body.map((p) => (typeof p === 'string' ? p : p.map(([k, v]) => `- ${k}: ${v}`).join('\n')));
  if (link) textParts.push(`Xem chi tiết: ${link}`);
  const text = `Kính gửi Quý cơ quan, đơn vị,\n\n${textParts.join('\n\n')}\n\n--\n${SIGNATURE}\n`;
  const htmlParts = body.map((p) =>
    typeof p === 'string'
      ? `<p>${escapeHtml(p)}</p>`
      : `<table>${p.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
  );
  if (link) htmlParts.push(`<p><a href="${escapeHtml(link)}">Xem chi tiết</a></p>`);
  const html = `<!doctype html><html lang="vi"><meta charset="utf-8"><body><p>Kính gửi Quý cơ quan, đơn vị,</p>${htmlParts.join('')}<hr><p><small>${escapeHtml(SIGNATURE).replace(/\n/g, '<br>')}</small></p></body></html>`;
  const summary = body.find((p): p is string => typeof p === 'string') ?? subject;
  return { subject, text, html, summary, ...(link ? { link } : {}) };
}

/** Adds a paragraph at the end of a message's body, before the signature, in both parts. */
export function withNote(rendered: Rendered, note: string): Rendered {
  const cut = rendered.text.lastIndexOf('\n\n--\n');
  const text = cut < 0 ? `${rendered.text}\n${note}\n` : `${rendered.text.slice(0, cut)}\n\n${note}${rendered.text.slice(cut)}`;
  const hr = rendered.html.lastIndexOf('<hr>');
  const html = hr < 0 ? rendered.html : `${rendered.html.slice(0, hr)}<p>${escapeHtml(note)}</p>${rendered.html.slice(hr)}`;
  return { ...rendered, text, html };
}

/**
 * The note a message needs when a date it gives ("ngày 09/02/2027") falls in a year whose days off are
 * computed from the law, not announced: the deadline may still move when the schedule is announced.
 */
export function provisionalNote(calendar: WorkingCalendar, text: string): string | null {
  const years = new Set<string>();
  for (const m of text.matchAll(/ngày (\d{2})\/(\d{2})\/(\d{4})/g)) if (calendar.isProvisional(`${m[3]}-${m[2]}-${m[1]}`)) years.add(m[3]!);
  if (!years.size) return null;
  const list = [...years].sort().join(', ');
  return `Lưu ý: lịch nghỉ năm ${list} chưa được công bố; hạn trong thư được tính theo các ngày nghỉ do Bộ luật Lao động quy định (tạm tính) và có thể thay đổi khi lịch nghỉ được công bố.`;
}
