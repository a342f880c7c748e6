/**
 * The pieces of a Vietnamese administrative document in `docx` (Nghị định 30/2020/NĐ-CP, Phụ lục I): its font
 * and sizes, runs and paragraphs, the short drawn lines under the headings, borderless two-column heads and
 * ruled tables sized to the A4 text width.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';

export const FONT = 'Times New Roman';
/** Half-points: 14 pt body; 13 pt motto, number, place and date, signer; 12 pt national title, issuing body, tables; 11 pt recipients. */
export const BODY = 28;
export const MEDIUM = 26;
export const SMALL = 24;
export const RECIPIENTS = 22;

/** Digits grouped the Vietnamese way: 12.500.000. */
export const groupDigits = (n: number): string => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
export const dong = (n: number): string => `${groupDigits(n)} đồng`;

/** "ngày 05 tháng 02 năm 2024": days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020). */
export function vietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.underline ? { underline: {} } : {}) });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export const para = (
  content: string | TextRun[],
  o: { align?: Align; bold?: boolean; italics?: boolean; size?: number; indent?: boolean; after?: number; before?: number; pageBreakBefore?: boolean; keepNext?: boolean } = {},
): Paragraph =>
  new Paragraph({
    children: typeof content === 'string' ? [run(content, o)] : content,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    // At least 6 pt between paragraphs (Nghị định 30/2020), single line spacing.
    spacing: { before: o.before ?? 120, after: o.after ?? 0 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
    ...(o.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(o.keepNext ? { keepNext: true } : {}),
  });

/** A centred header line: no space around it, as the blocks of the heading are set. */
export const line = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph => para(text, { ...o, align: AlignmentType.CENTER, before: 0 });

/**
 * A drawn rule, centred in a column of `width` twentieths of a point, `length` long: an empty paragraph of
 * minimal height whose bottom border is the line (Nghị định 30/2020 wants a solid line, not typed characters).
 */
export function rule(width: number, length: number): Paragraph {
  const side = Math.max(Math.floor((width - length) / 2), 0);
  return new Paragraph({
    children: [new TextRun({ text: '', size: 2 })],
    spacing: { before: 50, after: 60, line: 40, lineRule: 'exact' },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

/** Width of the text on an A4 page with the margins below, in twentieths of a point. */
export const TEXT_WIDTH = 11906 - 1701 - 851;
/** Word's default left and right cell margins (twentieths of a point). */
export const CELL_MARGINS = 2 * 108;

/** Two columns without borders: the heading and the signature block, never split across pages. */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columns(leftPct, 100 - leftPct),
    borders: noBorders,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: leftPct, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 100 - leftPct, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

/** Column widths from relative weights, so the number column stays narrow and names get room. */
export const columns = (...weights: number[]): number[] => {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
};

/** A bordered table with a bold header row; a total row (first cell empty) in bold. */
export function grid(header: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, o: { bold?: boolean; align?: Align }) =>
    new TableCell({ children: text.split('\n').map((t) => para(t, { bold: o.bold ?? false, size: SMALL, align: o.align ?? AlignmentType.LEFT, before: 0 })) });
  const isNumber = (t: string): boolean => /^[\d.]+$/.test(t);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true, align: AlignmentType.CENTER })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((t, i) => cell(t, { bold: r[0] === '' && i > 0, align: i === 0 ? AlignmentType.CENTER : isNumber(t) ? AlignmentType.RIGHT : AlignmentType.LEFT })),
          }),
      ),
    ],
  });
}
