/**
 * The consolidated report as a .docx in the Vietnamese administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục
 * I): the issuing body ("ỦY BAN NHÂN DÂN" over the unit's name) beside the national title and motto, each with
 * its drawn line; number and symbol; place and date in italics; document type and subject; the body opening
 * with its basis; the signer's block from the plan's data; "Nơi nhận" with the drafting unit in the archive
 * line; page numbers from page 2, centred in the top margin. Where each figure comes from is told in an
 * appendix, in words an official reads (agency, what it reported, when). Made with the `docx` library and kept
 * in the document store; the workflow holds only the reference.
 */
import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { localDate } from '../../catalog/calendar';
import { isRequestedKind, type Directory } from '../../catalog/directory';
import { signatureLines } from '../../workflows/common/capacity';
import type { DocumentRef } from '../../workflows/common/document';
import { REPORT_SYMBOL, reportStatusLabels, type ReportPlan, type ReportState } from '../../workflows/report/messages';
import type { DocumentStore } from '../document-store';
import { lowerFirst, resultsSection, sourcesAppendix } from './results-section';
import { FONT, BODY, MEDIUM, SMALL, RECIPIENTS, vietnameseDate, run, para, line, rule, TEXT_WIDTH, CELL_MARGINS, twoColumns } from './docx-parts';

/**
 * The issuing body's lines as Nghị định 30/2020 sets them: a People's Committee is "ỦY BAN NHÂN DÂN" over the
 * unit's name ("HUYỆN BẮC SƠN"); any other body, its name in capitals on one line.
 */
export function issuingBodyLines(issuer: ReportPlan['issuer']): string[] {
  const name = issuer.name.toLocaleUpperCase('vi');
  const committee = 'ỦY BAN NHÂN DÂN ';
  return name.startsWith(committee) ? ['ỦY BAN NHÂN DÂN', name.slice(committee.length)] : [name];
}

/** The lines of the signature block, in capitals, and the signer's name. */
export function signerBlock(state: Pick<ReportState, 'approval' | 'plan'>): { lines: string[]; name: string } {
  const capacity = state.approval?.by.capacity;
  if (capacity) return { lines: signatureLines(capacity), name: capacity.signer };
  const { form, position, signer } = state.plan.signature;
  return { lines: [...(form ? [form] : []), position].map((l) => l.toLocaleUpperCase('vi')), name: signer };
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
      `kính báo cáo ${plan.above ?? `Ủy ban nhân dân tỉnh ${plan.issuer.province}`}./.`,
    // The closing line stays on the page of the signature.
    { indent: true, keepNext: true },
  );

  // The signer's block: the approver's, under the capacity they approved with ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"),
  // once approved; before that, as the plan's data gives it (form, position, name).
  const signer = signerBlock(state);
  const signature = twoColumns(
    [
      para([run('Nơi nhận:', { bold: true, italics: true, size: SMALL })], { align: AlignmentType.LEFT, before: 0 }),
      ...plan.recipients.map((r, i) => para(`- ${r}${i === plan.recipients.length - 1 ? '.' : ';'}`, { size: RECIPIENTS, align: AlignmentType.LEFT, before: 0 })),
    ],
    [
      ...signer.lines.map((l) => line(l, { bold: true, size: MEDIUM })),
      ...[0, 1, 2, 3].map(() => line('', { size: MEDIUM })),
      line(signer.name, { bold: true, size: MEDIUM }),
    ],
    50,
  );

  // Page numbers from page 2, centred in the top margin (the first page's header is left empty).
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: MEDIUM })] })] });

  const doc = new Document({
    creator: plan.issuer.name,
    title: `Báo cáo kết quả thực hiện Kế hoạch ${plan.reference}`,
    description: state.approval ? `Bản ban hành của dự thảo lần ${state.approval.draft}, đã duyệt` : `Dự thảo lần ${state.drafts.length + 1}; trạng thái: ${reportStatusLabels[state.status]}`,
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
