/**
 * The consolidated report as a .docx in the Vietnamese administrative format (Nghị định 30/2020/NĐ-CP): issuing
 * body and national motto, number and symbol, place and date, title, body by section, signature block with the
 * signing form, recipients. Made with the `docx` library and kept in the document store; the workflow holds
 * only the reference.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { localDate } from '../../catalog/calendar';
import type { DocumentRef } from '../../workflows/common/document';
import { REPORT_SYMBOL, reportStatusLabels, type CompiledReport, type Figures, type ReportState, type Source } from '../../workflows/report/messages';
import { assignmentStatusLabels } from '../../workflows/assignment/messages';
import { communePlanStatusLabels } from '../../workflows/commune-plan/messages';
import type { DocumentStore } from '../document-store';

const FONT = 'Times New Roman';
/** Half-points: 13 pt body, 12 pt header and tables' text, 10 pt sources. */
const BODY = 28;
const SMALL = 24;
const TINY = 20;

/** Digits grouped the Vietnamese way: 12.500.000. */
export const groupDigits = (n: number): string => Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const dong = (n: number): string => `${groupDigits(n)} đồng`;

/** "ngày 05 tháng 02 năm 2024": days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020). */
export function vietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "assignment:…:1-bchqs (lần 1)": where a figure comes from. */
export const sourceText = (s: Source): string => `${s.workflowId} (lần ${s.version})`;

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.underline ? { underline: {} } : {}) });

const para = (
  content: string | TextRun[],
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; bold?: boolean; italics?: boolean; size?: number; indent?: boolean; after?: number } = {},
): Paragraph =>
  new Paragraph({
    children: typeof content === 'string' ? [run(content, o)] : content,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: o.after ?? 60 },
    ...(o.indent ? { indent: { firstLine: 567 } } : {}),
  });

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

/** Two columns without borders: the header and the signature block. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPct = 40): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columns(leftPct, 100 - leftPct),
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: leftPct, type: WidthType.PERCENTAGE }, borders: noBorders, children: left }),
          new TableCell({ width: { size: 100 - leftPct, type: WidthType.PERCENTAGE }, borders: noBorders, children: right }),
        ],
      }),
    ],
  });
}

/** Width of the text on an A4 page with the margins below, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 1701 - 851;

/** Column widths from relative weights, so the number column stays narrow and names get room. */
const columns = (...weights: number[]): number[] => {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
};

/** A bordered table with a bold header row; the last column (sources) in small print. */
function grid(header: string[], rows: string[][], opts: { sourceColumn?: boolean; widths?: number[] } = {}): Table {
  const cell = (text: string, o: { bold?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] }) =>
    new TableCell({ children: text.split('\n').map((line) => para(line, { bold: o.bold ?? false, size: o.size ?? SMALL, align: o.align ?? AlignmentType.LEFT, after: 0 })) });
  const isNumber = (t: string): boolean => /^[\d.]+$/.test(t);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    ...(opts.widths ? { columnWidths: opts.widths } : {}),
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true, align: AlignmentType.CENTER })) }),
      ...rows.map(
        (r) =>
          new TableRow({
            children: r.map((t, i) =>
              cell(t, {
                bold: r[0] === '' && i > 0,
                size: opts.sourceColumn && i === r.length - 1 ? TINY : SMALL,
                align: isNumber(t) ? AlignmentType.RIGHT : AlignmentType.LEFT,
              }),
            ),
          }),
      ),
    ],
  });
}

const figuresText = (f: Figures): string =>
  `tổ chức ${groupDigits(f.eventsHeld)} hoạt động, thu hút ${groupDigits(f.peopleReached)} lượt người tham gia; ` +
  `trao ${groupDigits(f.giftsGiven)} suất quà, trị giá ${dong(f.giftsValue)}; kinh phí đã chi ${dong(f.moneySpent)}`;

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Section I: the results, by plan section, by agency, communes, budgets, lateness. */
function resultsSection(r: CompiledReport, state: ReportState): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [para('I. KẾT QUẢ THỰC HIỆN', { bold: true })];
  const asOf = localDate(new Date(r.asOf));

  out.push(para('1. Kết quả chung', { bold: true }));
  out.push(
    para(
      `Tính đến ${vietnameseDate(asOf)}, theo báo cáo của các cơ quan, đơn vị đã được chấp nhận, các cơ quan, đơn vị đã ${figuresText(r.totals)}.`,
      { indent: true },
    ),
  );

  out.push(para('2. Kết quả theo nội dung Kế hoạch', { bold: true }));
  const nameOf = (agency: string): string => r.agencies.find((x) => x.agency === agency)?.name ?? agency;
  out.push(
    para(
      r.attribution === 'primary'
        ? 'Kết quả của mỗi cơ quan, đơn vị được tính một lần, vào nội dung đầu tiên đơn vị thực hiện; cộng các nội dung bằng kết quả chung.'
        : 'Kết quả của một cơ quan, đơn vị thực hiện nhiều nội dung được tính ở mỗi nội dung đó; các nội dung có phần trùng nhau, không cộng lại.',
      { indent: true, italics: true },
    ),
  );
  for (const s of r.sections) {
    out.push(para(`2.${s.number}. ${s.heading}`, { bold: true, italics: true }));
    const also = (s.alsoAgencies ?? []).length ? ` Cùng thực hiện (kết quả tính ở nội dung khác): ${[...new Set((s.alsoAgencies ?? []).map(nameOf))].join('; ')}.` : '';
    if (!s.agencies.length) {
      out.push(para(`Chưa có báo cáo kết quả được chấp nhận tính vào nội dung này.${also}`, { indent: true }));
      continue;
    }
    out.push(para(`Đơn vị thực hiện: ${[...new Set(s.agencies.map(nameOf))].join('; ')}. Kết quả: ${figuresText(s.figures)}.${also}`, { indent: true }));
    out.push(para(`Nguồn số liệu: ${s.sources.map(sourceText).join('; ')}.`, { size: TINY, italics: true }));
  }
  if (r.unattributed) {
    out.push(para('Nội dung khác', { bold: true, italics: true }));
    out.push(para(`Đơn vị thực hiện: ${r.unattributed.agencies.map(nameOf).join('; ')}. Kết quả: ${figuresText(r.unattributed.figures)}.`, { indent: true }));
  }

  out.push(para('3. Kết quả theo cơ quan, đơn vị', { bold: true }));
  out.push(
    grid(
      ['TT', 'Cơ quan, đơn vị (nhiệm vụ)', 'Số hoạt động', 'Lượt người', 'Suất quà', 'Giá trị quà (đồng)', 'Kinh phí đã chi (đồng)', 'Nguồn số liệu'],
      [
        ...r.agencies.map((a, i) => [
          String(i + 1),
          `${a.name} (III.${a.number})${a.late ? '\nbáo cáo chậm' : ''}`,
          ...(a.figures
            ? [a.figures.eventsHeld, a.figures.peopleReached, a.figures.giftsGiven, a.figures.giftsValue, a.figures.moneySpent].map(groupDigits)
            : ['-', '-', '-', '-', '-']),
          a.source ? sourceText(a.source) : a.status === 'not_started' ? 'Chưa triển khai' : `Chưa có báo cáo được chấp nhận (${assignmentStatusLabels[a.status]})`,
        ]),
        ['', 'Tổng cộng', ...[r.totals.eventsHeld, r.totals.peopleReached, r.totals.giftsGiven, r.totals.giftsValue, r.totals.moneySpent].map(groupDigits), ''],
      ],
      { sourceColumn: true, widths: columns(4, 18, 7, 7, 6, 10, 10, 14) },
    ),
  );

  const c = r.communes.totals;
  out.push(para('4. Việc xây dựng kế hoạch của các xã, thị trấn', { bold: true }));
  out.push(
    para(
      `${c.communes} xã, thị trấn: ${c.accepted} kế hoạch đã được chấp nhận, ${c.submitted} đang xem xét, ${c.returned} trả lại để hoàn thiện, ` +
        `${c.awaiting} chưa gửi; ${c.late} kế hoạch gửi chậm so với thời hạn.`,
      { indent: true },
    ),
  );
  out.push(
    grid(
      ['TT', 'Xã, thị trấn', 'Tình trạng', 'Số, ngày văn bản', 'Thời hạn', 'Nguồn số liệu'],
      r.communes.rows.map((row, i) => [
        String(i + 1),
        row.name,
        `${row.status === 'not_started' ? 'Chưa triển khai' : communePlanStatusLabels[row.status]}${row.submission?.late ? `\ngửi chậm ${row.submission.daysLate} ngày làm việc` : ''}`,
        row.submission ? `${row.submission.number}\n${vietnameseDate(row.submission.date)}` : '-',
        row.dueDate ? vietnameseDate(row.dueDate) : '-',
        row.source ? sourceText(row.source) : '-',
      ]),
      { sourceColumn: true, widths: columns(4, 16, 14, 14, 12, 18) },
    ),
  );

  const b = r.budgets;
  out.push(para('5. Kinh phí thực hiện', { bold: true }));
  out.push(
    para(
      `Tổng dự toán các đơn vị đề nghị ${dong(b.totals.requested)}; UBND huyện đã phê duyệt ${dong(b.totals.approved)}; ` +
        `các đơn vị báo cáo đã chi ${dong(b.totals.spent)}.`,
      { indent: true },
    ),
  );
  out.push(
    grid(
      ['TT', 'Cơ quan, đơn vị', 'Dự toán đề nghị (đồng)', 'Được phê duyệt (đồng)', 'Đã chi (đồng)', 'Nguồn số liệu'],
      [
        ...b.rows.map((row, i) => [String(i + 1), row.name, groupDigits(row.requested), groupDigits(row.approved), groupDigits(row.spent), row.sources.map(sourceText).join('\n')]),
        ['', 'Tổng cộng', groupDigits(b.totals.requested), groupDigits(b.totals.approved), groupDigits(b.totals.spent), ''],
      ],
      { sourceColumn: true, widths: columns(4, 18, 12, 12, 12, 18) },
    ),
  );
  for (const row of b.rows.filter((x) => (x.overspent ?? 0) > 0)) {
    out.push(
      para(
        `Chi vượt dự toán: ${row.name} đã chi ${dong(row.spent)}, vượt ${dong(row.overspent!)} so với ${row.approved ? `${dong(row.approved)} được phê duyệt` : 'dự toán chưa được phê duyệt'}.`,
        { indent: true, bold: true },
      ),
    );
  }

  const l = r.lateness;
  out.push(para('6. Tình hình báo cáo', { bold: true }));
  const due = state.dueAt ? vietnameseDate(localDate(new Date(state.dueAt))) : vietnameseDate(state.reportDue);
  out.push(
    para(
      `Đơn vị báo cáo chậm: ${l.lateAgencies.length ? l.lateAgencies.map((a) => `${a.name} (III.${a.number})`).join('; ') : 'không có'}.`,
      { indent: true },
    ),
  );
  out.push(
    para(
      `Đơn vị chưa báo cáo hoặc báo cáo chưa được chấp nhận (hạn ${due}): ${
        l.missingAgencies.length
          ? l.missingAgencies.map((a) => `${a.name} (III.${a.number}, ${a.status === 'not_started' ? 'chưa triển khai' : lowerFirst(assignmentStatusLabels[a.status])})`).join('; ')
          : 'không có'
      }.`,
      { indent: true },
    ),
  );
  out.push(
    para(`Xã, thị trấn gửi kế hoạch chậm: ${l.lateCommunes.length ? l.lateCommunes.map((x) => `${x.name} (${x.daysLate} ngày làm việc)`).join('; ') : 'không có'}.`, {
      indent: true,
    }),
  );
  out.push(
    para(`Xã, thị trấn chưa có kế hoạch: ${l.missingCommunes.length ? l.missingCommunes.map((x) => x.name).join('; ') : 'không có'}.`, { indent: true }),
  );
  return out;
}

/** The whole document for one draft of the report. */
export async function buildReportDocx(state: ReportState, issuedAt: string): Promise<Buffer> {
  const report = state.report;
  if (!report) throw new Error('báo cáo chưa được tổng hợp');
  const plan = state.plan;
  const district = plan.issuer.shortName.toUpperCase();
  const number = state.number ?? '      ';
  const planRef = plan.reference.startsWith('/') ? `      ${plan.reference}` : plan.reference;

  const header = twoColumns(
    [
      para(district, { bold: true, size: SMALL + 2, align: AlignmentType.CENTER, after: 0 }),
      para('───────', { align: AlignmentType.CENTER, after: 0, size: SMALL }),
      para(`Số: ${number}/${REPORT_SYMBOL}`, { align: AlignmentType.CENTER, size: BODY - 2 }),
    ],
    [
      para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SMALL, align: AlignmentType.CENTER, after: 0 }),
      para('Độc lập - Tự do - Hạnh phúc', { bold: true, size: BODY - 2, align: AlignmentType.CENTER, after: 0 }),
      para('─────────────────', { align: AlignmentType.CENTER, after: 0, size: SMALL }),
      para(`${plan.place}, ${vietnameseDate(localDate(new Date(issuedAt)))}`, { italics: true, size: BODY - 2, align: AlignmentType.CENTER }),
    ],
  );

  const title = [
    para('', { after: 0 }),
    para('BÁO CÁO', { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para(`Kết quả thực hiện Kế hoạch số ${planRef} về ${lowerFirst(plan.title)}`, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    para('──────────', { align: AlignmentType.CENTER, size: SMALL }),
  ];

  const opening = para(
    `Thực hiện Kế hoạch số ${planRef} ${plan.issued} của Ủy ban nhân dân huyện về ${lowerFirst(plan.title)}, ` +
      `${plan.issuer.shortName} báo cáo kết quả thực hiện như sau:`,
    { indent: true },
  );

  const assessment = [
    para('II. ĐÁNH GIÁ CHUNG', { bold: true }),
    ...(state.narrative ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => para(p, { indent: true })),
  ];

  const closing = para(
    `Trên đây là báo cáo kết quả thực hiện Kế hoạch tổ chức ${lowerFirst(plan.title).replace(/^tổ chức /, '')} của ${plan.issuer.shortName}, ` +
      `kính báo cáo UBND tỉnh ${plan.issuer.province}./.`,
    { indent: true },
  );

  const form = plan.signature.form ?? '';
  const signature = twoColumns(
    [
      para([run('Nơi nhận:', { bold: true, italics: true, size: SMALL })], { align: AlignmentType.LEFT, after: 0 }),
      ...plan.recipients.map((r, i) =>
        para(`- ${r}${i === plan.recipients.length - 1 ? '.' : ';'}`, { size: TINY + 2, align: AlignmentType.LEFT, after: 0 }),
      ),
    ],
    [
      para('TM. ỦY BAN NHÂN DÂN', { bold: true, align: AlignmentType.CENTER, after: 0 }),
      ...(form ? [para(form, { bold: true, align: AlignmentType.CENTER, after: 0 })] : []),
      para(plan.signature.position, { bold: true, align: AlignmentType.CENTER, after: 0 }),
      para('', { after: 0 }),
      para('', { after: 0 }),
      para('', { after: 0 }),
      para(plan.signature.signer, { bold: true, align: AlignmentType.CENTER }),
    ],
    50,
  );

  const doc = new Document({
    creator: plan.issuer.shortName,
    title: `Báo cáo kết quả thực hiện Kế hoạch ${plan.reference}`,
    description: `Dự thảo lần ${state.drafts.length + 1}; trạng thái: ${reportStatusLabels[state.status]}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        // A4, margins of Nghị định 30/2020: top and bottom 20 mm, left 30 mm, right 15 mm.
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 851 } } },
        children: [header, ...title, opening, ...resultsSection(report, state), ...assessment, closing, para(''), signature],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** File name of a draft, e.g. `bao-cao-bac-son-70-nam-dien-bien-phu-lan-2.docx`. */
export const reportFilename = (state: ReportState, draft: number): string => `bao-cao-${state.campaignId}-lan-${draft}.docx`;

export function createReportDocumentActivity(deps: { documents?: DocumentStore }) {
  return {
    /** Makes one draft's document and keeps it in the document store. */
    async renderReportDocument(req: { state: ReportState; draft: number; issuedAt: string }): Promise<DocumentRef> {
      if (!deps.documents) throw new Error('the worker has no document store (ActivityDeps.documents)');
      const bytes = await buildReportDocx(req.state, req.issuedAt);
      return deps.documents.putDocument(bytes, reportFilename(req.state, req.draft));
    },
  };
}
