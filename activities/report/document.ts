/**
 * The consolidated report as a .docx in the Vietnamese administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục
 * I): the issuing body ("ỦY BAN NHÂN DÂN" over the unit's name) beside the national title and motto, each with
 * its drawn line; number and symbol; place and date in italics; document type and subject; the body opening
 * with its basis; the signer's block from the plan's data; "Nơi nhận" with the drafting unit in the archive
 * line; page numbers from page 2, centred in the top margin. Where each figure comes from is told in an
 * appendix, in words an official reads (agency, what it reported, when). Made with the `docx` library and kept
 * in the document store; the workflow holds only the reference.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { formatVietnamDate, localDate } from '../../catalog/calendar';
import { isRequestedKind, type Directory } from '../../catalog/directory';
import type { DocumentRef } from '../../workflows/common/document';
import { REPORT_SYMBOL, reportStatusLabels, type CompiledReport, type Figures, type ReportPlan, type ReportState, type Source } from '../../workflows/report/messages';
import { assignmentStatusLabels } from '../../workflows/assignment/messages';
import { communePlanStatusLabels } from '../../workflows/commune-plan/messages';
import type { DocumentStore } from '../document-store';

const FONT = 'Times New Roman';
/** Half-points: 14 pt body; 13 pt motto, number, place and date, signer; 12 pt national title, issuing body, tables; 11 pt recipients. */
const BODY = 28;
const MEDIUM = 26;
const SMALL = 24;
const RECIPIENTS = 22;

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

const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean } = {}): TextRun =>
  new TextRun({ text, font: FONT, size: o.size ?? BODY, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.underline ? { underline: {} } : {}) });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

const para = (
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
const line = (text: string, o: { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph => para(text, { ...o, align: AlignmentType.CENTER, before: 0 });

/**
 * A drawn rule, centred in a column of `width` twentieths of a point, `length` long: an empty paragraph of
 * minimal height whose bottom border is the line (Nghị định 30/2020 wants a solid line, not typed characters).
 */
function rule(width: number, length: number): Paragraph {
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
const TEXT_WIDTH = 11906 - 1701 - 851;
/** Word's default left and right cell margins (twentieths of a point). */
const CELL_MARGINS = 2 * 108;

/** Two columns without borders: the heading and the signature block, never split across pages. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftPct: number): Table {
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
const columns = (...weights: number[]): number[] => {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
};

/** A bordered table with a bold header row; a total row (first cell empty) in bold. */
function grid(header: string[], rows: string[][], widths: number[]): Table {
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

const figuresText = (f: Figures): string =>
  `tổ chức ${groupDigits(f.eventsHeld)} hoạt động, thu hút ${groupDigits(f.peopleReached)} lượt người tham gia; ` +
  `trao ${groupDigits(f.giftsGiven)} suất quà, trị giá ${dong(f.giftsValue)}; kinh phí đã chi ${dong(f.moneySpent)}`;

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The issuing body's lines as Nghị định 30/2020 sets them: a People's Committee is "ỦY BAN NHÂN DÂN" over the
 * unit's name ("HUYỆN BẮC SƠN"); any other body, its name in capitals on one line.
 */
export function issuingBodyLines(issuer: ReportPlan['issuer']): string[] {
  const name = issuer.name.toLocaleUpperCase('vi');
  const committee = 'ỦY BAN NHÂN DÂN ';
  return name.startsWith(committee) ? ['ỦY BAN NHÂN DÂN', name.slice(committee.length)] : [name];
}

/** What a source is, in words: who sent what, which time, and when. */
export interface SourceLine {
  unit: string;
  what: string;
  at: string | null;
}

/**
 * The appendix's lines: each source the figures were taken from, as an official reads it (never a case's
 * technical id). Reports of Party bodies and mass organisations are on what the plan requests of them.
 */
export function sourceLines(r: CompiledReport, requested: (agency: string) => boolean): SourceLine[] {
  const when = (s: Source | null | undefined): string | null => (s?.at ? formatVietnamDate(localDate(new Date(s.at))) : null);
  const lines: SourceLine[] = [];
  for (const a of r.agencies) {
    if (!a.source) continue;
    const item = requested(a.agency) ? `nội dung đề nghị tại mục III.${a.number}` : `nhiệm vụ tại mục III.${a.number}`;
    lines.push({ unit: a.name, what: `Báo cáo kết quả thực hiện ${item} của Kế hoạch (lần ${a.source.version}, đã được chấp nhận)`, at: when(a.source) });
  }
  for (const c of r.communes.rows) {
    if (!c.source || !c.submission) continue;
    lines.push({ unit: c.name, what: `Kế hoạch số ${c.submission.number} ${vietnameseDate(c.submission.date)} (lần gửi thứ ${c.source.version})`, at: when(c.source) });
  }
  for (const b of r.budgets.rows) {
    for (const s of b.sources.filter((x) => x.kind === 'budget')) {
      lines.push({ unit: b.name, what: `Dự toán kinh phí số ${s.workflowId.replace(/^budget:/, '')} (phiên bản ${s.version})`, at: when(s) });
    }
  }
  return lines;
}

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
        ? 'Kết quả của mỗi cơ quan, đơn vị được tính một lần, vào nội dung đầu tiên đơn vị thực hiện; cộng các nội dung bằng kết quả chung. Nguồn số liệu tại Phụ lục kèm theo.'
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
  }
  if (r.unattributed) {
    out.push(para('Nội dung khác', { bold: true, italics: true }));
    out.push(para(`Đơn vị thực hiện: ${r.unattributed.agencies.map(nameOf).join('; ')}. Kết quả: ${figuresText(r.unattributed.figures)}.`, { indent: true }));
  }

  out.push(para('3. Kết quả theo cơ quan, đơn vị', { bold: true }));
  out.push(
    grid(
      ['TT', 'Cơ quan, đơn vị (mục)', 'Số hoạt động', 'Lượt người', 'Suất quà', 'Giá trị quà (đồng)', 'Kinh phí đã chi (đồng)', 'Ghi chú'],
      [
        ...r.agencies.map((a, i) => [
          String(i + 1),
          `${a.name} (III.${a.number})`,
          ...(a.figures
            ? [a.figures.eventsHeld, a.figures.peopleReached, a.figures.giftsGiven, a.figures.giftsValue, a.figures.moneySpent].map(groupDigits)
            : ['-', '-', '-', '-', '-']),
          a.source ? (a.late ? 'Báo cáo chậm' : '') : a.status === 'not_started' ? 'Chưa triển khai' : `Chưa có báo cáo được chấp nhận (${lowerFirst(assignmentStatusLabels[a.status])})`,
        ]),
        ['', 'Tổng cộng', ...[r.totals.eventsHeld, r.totals.peopleReached, r.totals.giftsGiven, r.totals.giftsValue, r.totals.moneySpent].map(groupDigits), ''],
      ],
      columns(7, 20, 8, 8, 7, 12, 12, 11),
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
      ['TT', 'Xã, thị trấn', 'Tình trạng', 'Số, ngày văn bản', 'Thời hạn'],
      r.communes.rows.map((row, i) => [
        String(i + 1),
        row.name,
        `${row.status === 'not_started' ? 'Chưa triển khai' : communePlanStatusLabels[row.status]}${row.submission?.late ? `\ngửi chậm ${row.submission.daysLate} ngày làm việc` : ''}`,
        row.submission ? `${row.submission.number}\n${formatVietnamDate(row.submission.date)}` : '-',
        row.dueDate ? formatVietnamDate(row.dueDate) : '-',
      ]),
      columns(7, 22, 22, 22, 14),
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
      ['TT', 'Cơ quan, đơn vị', 'Dự toán đề nghị (đồng)', 'Được phê duyệt (đồng)', 'Đã chi (đồng)'],
      [
        ...b.rows.map((row, i) => [String(i + 1), row.name, groupDigits(row.requested), groupDigits(row.approved), groupDigits(row.spent)]),
        ['', 'Tổng cộng', groupDigits(b.totals.requested), groupDigits(b.totals.approved), groupDigits(b.totals.spent)],
      ],
      columns(7, 26, 16, 16, 16),
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

/** The appendix: where every figure comes from, in words. */
function sourcesAppendix(r: CompiledReport, state: ReportState, issued: string, requested: (agency: string) => boolean): Array<Paragraph | Table> {
  const number = state.number ?? '      ';
  const lines = sourceLines(r, requested);
  return [
    para('Phụ lục', { bold: true, align: AlignmentType.CENTER, pageBreakBefore: true, before: 0 }),
    line('NGUỒN SỐ LIỆU CỦA BÁO CÁO', { bold: true }),
    line(`(Kèm theo Báo cáo số ${number}/${REPORT_SYMBOL} ${issued} của ${state.plan.issuer.name})`, { italics: true }),
    rule(TEXT_WIDTH, 2200),
    lines.length
      ? grid(
          ['TT', 'Cơ quan, đơn vị', 'Văn bản, báo cáo được sử dụng', 'Ngày gửi'],
          lines.map((l, i) => [String(i + 1), l.unit, l.what, l.at ?? '-']),
          columns(7, 28, 50, 15),
        )
      : para('Chưa có báo cáo, kế hoạch hay dự toán nào được sử dụng.', { indent: true }),
  ];
}

/** The whole document for one draft of the report; `directory` tells which units the plan only requests. */
export async function buildReportDocx(state: ReportState, issuedAt: string, directory?: Directory): Promise<Buffer> {
  const report = state.report;
  if (!report) throw new Error('báo cáo chưa được tổng hợp');
  const plan = state.plan;
  const number = state.number ?? '      ';
  const planRef = plan.reference.startsWith('/') ? `      ${plan.reference}` : plan.reference;
  const issued = vietnameseDate(localDate(new Date(issuedAt)));
  const requested = (agency: string): boolean => isRequestedKind(directory?.unit(agency)?.kind);

  // The heading: issuing body (40 %) beside the national title (60 %), each block with its drawn line.
  const leftWidth = Math.floor(TEXT_WIDTH * 0.4) - CELL_MARGINS;
  const rightWidth = Math.floor(TEXT_WIDTH * 0.6) - CELL_MARGINS;
  const body = issuingBodyLines(plan.issuer);
  const header = twoColumns(
    [
      ...body.map((text, i) => line(text, { bold: i === body.length - 1, size: SMALL })),
      rule(leftWidth, 800),
      line(`Số: ${number}/${REPORT_SYMBOL}`, { size: MEDIUM }),
    ],
    [
      line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: SMALL }),
      line('Độc lập - Tự do - Hạnh phúc', { bold: true, size: MEDIUM }),
      // As long as the motto above it.
      rule(rightWidth, 3150),
      para(`${plan.place}, ${issued}`, { italics: true, size: MEDIUM, align: AlignmentType.CENTER, before: 60 }),
    ],
    40,
  );

  const title = [
    para('BÁO CÁO', { bold: true, align: AlignmentType.CENTER, before: 480 }),
    line(`Kết quả thực hiện Kế hoạch số ${planRef} về ${lowerFirst(plan.title)}`, { bold: true }),
    rule(TEXT_WIDTH, 3100),
  ];

  // The basis first: the province's document the plan carries out, then the plan itself.
  const basis = [...(plan.basis ?? []), `Kế hoạch số ${planRef} ${plan.issued} của ${plan.issuer.name} về ${lowerFirst(plan.title)}`];
  const opening = para(`Thực hiện ${basis.join('; ')}, ${plan.issuer.name} báo cáo kết quả thực hiện như sau:`, { indent: true, before: 240 });

  const assessment = [
    para('II. ĐÁNH GIÁ CHUNG', { bold: true }),
    ...(state.narrative ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => para(p, { indent: true })),
  ];

  const closing = para(
    `Trên đây là báo cáo kết quả thực hiện Kế hoạch tổ chức ${lowerFirst(plan.title).replace(/^tổ chức /, '')} của ${plan.issuer.name}, ` +
      `kính báo cáo Ủy ban nhân dân tỉnh ${plan.issuer.province}./.`,
    // The closing line stays on the page of the signature.
    { indent: true, keepNext: true },
  );

  // The signer's block as the plan's data gives it: "KT. CHỦ TỊCH" (the form, when the signer signs for someone), the position, the name.
  const form = plan.signature.form;
  const signature = twoColumns(
    [
      para([run('Nơi nhận:', { bold: true, italics: true, size: SMALL })], { align: AlignmentType.LEFT, before: 0 }),
      ...plan.recipients.map((r, i) => para(`- ${r}${i === plan.recipients.length - 1 ? '.' : ';'}`, { size: RECIPIENTS, align: AlignmentType.LEFT, before: 0 })),
    ],
    [
      ...(form ? [line(form.toLocaleUpperCase('vi'), { bold: true, size: MEDIUM })] : []),
      line(plan.signature.position.toLocaleUpperCase('vi'), { bold: true, size: MEDIUM }),
      ...[0, 1, 2, 3].map(() => line('', { size: MEDIUM })),
      line(plan.signature.signer, { bold: true, size: MEDIUM }),
    ],
    50,
  );

  // Page numbers from page 2, centred in the top margin (the first page's header is left empty).
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: MEDIUM })] })] });

  const doc = new Document({
    creator: plan.issuer.name,
    title: `Báo cáo kết quả thực hiện Kế hoạch ${plan.reference}`,
    description: `Dự thảo lần ${state.drafts.length + 1}; trạng thái: ${reportStatusLabels[state.status]}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          // A4, margins of Nghị định 30/2020: top and bottom 20 mm, left 30 mm, right 15 mm; the page number 10 mm from the top.
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 851, header: 567 } },
          titlePage: true,
        },
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children: [
          header,
          ...title,
          opening,
          ...resultsSection(report, state),
          ...assessment,
          closing,
          para('', { keepNext: true }),
          signature,
          ...sourcesAppendix(report, state, issued, requested),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * File name of a draft as the province's clerk sees it attached: its number once given, and the draft, e.g.
 * `bao-cao-ket-qua-so-35-BC-UBND-lan-2.docx` (no case id: the name is read, not looked up).
 */
export const reportFilename = (state: ReportState, draft: number): string =>
  `bao-cao-ket-qua-${state.number ? `so-${state.number}-${REPORT_SYMBOL}-` : ''}lan-${draft}.docx`;

export function createReportDocumentActivity(deps: { documents?: DocumentStore; directory?: Directory }) {
  return {
    /** Makes one draft's document and keeps it in the document store. */
    async renderReportDocument(req: { state: ReportState; draft: number; issuedAt: string }): Promise<DocumentRef> {
      if (!deps.documents) throw new Error('the worker has no document store (ActivityDeps.documents)');
      const bytes = await buildReportDocx(req.state, req.issuedAt, deps.directory);
      return deps.documents.putDocument(bytes, reportFilename(req.state, req.draft));
    },
  };
}
