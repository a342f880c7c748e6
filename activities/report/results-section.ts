/**
 * The report's results (section by section: the plan's activities, who reported what, the figures and the
 * overspending beside what was approved) and its appendix of sources, as parts of the .docx (document.ts).
 */
import { AlignmentType, Paragraph, Table } from 'docx';
import { formatVietnamDate, localDate } from '../../catalog/calendar';
import { REPORT_SYMBOL, type CompiledReport, type Figures, type ReportState, type Source } from '../../workflows/report/messages';
import { assignmentStatusLabels } from '../../workflows/assignment/messages';
import { communePlanStatusLabels } from '../../workflows/commune-plan/messages';
import { resultSectionNumbers } from '../../workflows/report/compile';
import { groupDigits, dong, vietnameseDate, para, line, rule, TEXT_WIDTH, columns, grid } from './docx-parts';

const figuresText = (f: Figures): string =>
  `tổ chức ${groupDigits(f.eventsHeld)} hoạt động, thu hút ${groupDigits(f.peopleReached)} lượt người tham gia; ` +
  `trao ${groupDigits(f.giftsGiven)} suất quà, trị giá ${dong(f.giftsValue)}; kinh phí đã chi ${dong(f.moneySpent)}`;

export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

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
export function resultsSection(r: CompiledReport, state: ReportState): Array<Paragraph | Table> {
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

  const numbers = resultSectionNumbers(r);
  const c = r.communes.totals;
  if (numbers.communes) {
    out.push(para(`${numbers.communes}. Việc xây dựng kế hoạch của các xã, thị trấn`, { bold: true }));
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
  }

  const b = r.budgets;
  out.push(para(`${numbers.budgets}. Kinh phí thực hiện`, { bold: true }));
  out.push(
    para(
      `Tổng dự toán các đơn vị đề nghị ${dong(b.totals.requested)}; ${state.plan.issuer.shortName} đã phê duyệt ${dong(b.totals.approved)}; ` +
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
  out.push(para(`${numbers.lateness}. Tình hình báo cáo`, { bold: true }));
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
  if (!numbers.communes) return out;
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
export function sourcesAppendix(r: CompiledReport, state: ReportState, issued: string, requested: (agency: string) => boolean): Array<Paragraph | Table> {
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
