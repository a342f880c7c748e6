/**
 * The consolidated report as an official sees it: the .docx made for the seed plan (its 12 agencies and 18
 * communes, figures compiled by the workflow's own function) is rendered by LibreOffice (headless) to PDF and
 * PNG, and the layout of Nghị định 30/2020/NĐ-CP is checked there, in the printed page, not in the XML: A4
 * and its margins, the heading blocks with their drawn lines, number, place and date, document type, the
 * basis, page numbers from page 2 in the top margin, the signer's block, "Nơi nhận", the appendix of sources
 * in words, embedded fonts. One render (a few seconds); `make install` installs LibreOffice and poppler.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReportDocx, reportFilename } from '../activities/report/document';
import { renderReportToProvince } from '../activities/templates/report';
import { reportPlanOf } from '../api/reports/routes';
import { Directory } from '../catalog/directory';
import { compileReport, defaultNarrative } from '../workflows/report/compile';
import type { AssignmentInputRow, GatheredInputs, ReportState } from '../workflows/report/messages';
import { seedPlan } from './support/campaign';
import { engineWordIn } from './support/words';

jest.setTimeout(120_000);

const directory = Directory.fromFile(path.resolve(__dirname, '../catalog/directory.json'));
const dir = path.join(os.tmpdir(), `report-render-${process.pid}`);
const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Every agency of part III reported and was accepted (the Labour office late), 17 communes sent their plans. */
function seededState(): ReportState {
  const plan = reportPlanOf(seedPlan, directory);
  const assignments: AssignmentInputRow[] = seedPlan.implementation.assignments
    .filter((a) => !['communes', 'all-agencies'].includes(a.agency))
    .map((a) => ({
      workflowId: `assignment:${seedPlan.id}:${a.number}-${a.agency}`,
      number: a.number,
      agency: a.agency,
      agencyName: directory.unit(a.agency)!.name,
      mode: a.mode,
      activities: a.activities ?? [],
      status: 'accepted',
      dueAt: '2024-05-17T10:00:00.000Z',
      accepted: {
        version: a.agency === 'ldtbxh' ? 2 : 1,
        figures: { eventsHeld: a.number + 2, peopleReached: 150 * a.number + 7, giftsGiven: 3 * a.number, giftsValue: 500_000 * a.number, moneySpent: 1_250_000 * a.number + 40_000 },
        submittedAt: `2024-05-${String(10 + a.number).padStart(2, '0')}T02:00:00.000Z`,
        late: a.agency === 'ldtbxh',
        acceptedAt: '2024-05-18T02:00:00.000Z',
      },
      reports: 1,
    }));
  const communes = directory.units().filter((u) => u.kind === 'commune' || u.kind === 'town');
  const inputs: GatheredInputs = {
    asOf: '2024-05-20T02:00:00.000Z',
    assignments,
    communes: communes.map((c, i) => ({
      workflowId: `commune-plan:${seedPlan.id}.${c.code}`,
      commune: c.code,
      name: c.name,
      status: i === 0 ? 'awaiting_submission' : 'accepted',
      dueDate: '2024-03-15',
      submission: i === 0 ? null : { version: 1, number: `${i + 3}/KH-UBND`, date: '2024-03-12', signer: 'Chủ tịch UBND xã', at: '2024-03-12T03:00:00.000Z', late: false, daysLate: 0 },
    })),
    budgets: [{ workflowId: 'budget:DT-2024-0A1B2C3D', id: 'DT-2024-0A1B2C3D', agency: 'bchqs', title: 'Dự toán kinh phí kỷ niệm', status: 'approved', version: 2, requested: 36_500_000, approved: 30_000_000, decisionNumber: '125/QĐ-UBND' }],
    agencyNames: { bchqs: 'Ban Chỉ huy Quân sự huyện' },
  };
  const report = compileReport(plan, inputs, { countOnce: true, sourceDates: true });
  const at = '2024-05-20T03:00:00.000Z';
  const office = { userId: 'lan-vp', name: 'Phó Chánh Văn phòng', agency: 'van-phong', role: 'administrator' as const };
  return {
    id: seedPlan.id,
    campaignId: seedPlan.id,
    plan,
    status: 'awaiting_approval',
    awaiting: { agency: 'lanh-dao', role: 'leader' },
    reportDue: '2024-05-17',
    dueAt: '2024-05-17T10:00:00.000Z',
    compiledBecause: 'all_accepted',
    compiledAt: at,
    report,
    narrative: defaultNarrative(report),
    number: '35',
    drafts: [],
    returns: [],
    edits: [],
    approval: null,
    sent: null,
    startedAt: at,
    startedBy: office,
    updatedAt: at,
    parties: directory.parties,
  };
}

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  text: string;
}

/** Words with their boxes in points (pdftotext -bbox), page by page. */
function words(pdf: string): Word[] {
  const html = sh('pdftotext', ['-bbox', pdf, '-']);
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page += 1;
    else out.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! });
  }
  return out;
}

/** Horizontal rules drawn on a page image (grey PGM): runs of dark pixels at least `min` long on a row whose neighbours are light there. */
function drawnRules(pgm: Buffer, min: number): Array<{ y: number; x0: number; x1: number }> {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const dark = (x: number, y: number): boolean => pixels[y * width + x]! < 128;
  const rules: Array<{ y: number; x0: number; x1: number }> = [];
  for (let y = 2; y < height - 2; y += 1) {
    let x = 0;
    while (x < width) {
      if (!dark(x, y)) {
        x += 1;
        continue;
      }
      const x0 = x;
      while (x < width && dark(x, y)) x += 1;
      // A rule is thin: the rows two above and two below are light along it (text strokes are not).
      const thin = [...Array(x - x0).keys()].every((i) => !dark(x0 + i, y - 2) && !dark(x0 + i, y + 2));
      if (x - x0 >= min && thin && !rules.some((r) => Math.abs(r.y - y) <= 2 && r.x0 === x0)) rules.push({ y, x0, x1: x });
    }
  }
  return rules;
}

let pdf: string;
let page1: string;
let text: string;
let pages: number;

beforeAll(() => {
  if (!existsSync('/usr/bin/soffice') && !existsSync('/usr/lib/libreoffice/program/soffice')) throw new Error('LibreOffice is missing: make install (scripts/install-office.sh) installs it');
  mkdirSync(dir, { recursive: true });
});

test('the report renders as Nghị định 30/2020 sets an administrative document', async () => {
  const docx = path.join(dir, 'bao-cao.docx');
  writeFileSync(docx, await buildReportDocx(seededState(), '2024-05-20T03:00:00.000Z', directory));
  // A profile of its own, so a LibreOffice started by someone else on this machine does not take the job.
  sh('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx]);
  pdf = path.join(dir, 'bao-cao.pdf');
  const info = sh('pdfinfo', [pdf]);
  pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  text = sh('pdftotext', ['-layout', pdf, '-']);
  page1 = sh('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-']);

  // A4 (595 × 842 pt), several pages: the body, the signature, then the appendix on its own page.
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(pages).toBeLessThanOrEqual(8);

  // Margins: left 30 mm (85 pt), right 15 mm (42.5 pt): no word outside them.
  const all = words(pdf);
  expect(Math.min(...all.map((w) => w.xMin))).toBeGreaterThanOrEqual(84);
  expect(Math.max(...all.map((w) => w.xMax))).toBeLessThanOrEqual(595.3 - 42);

  // The heading: "ỦY BAN NHÂN DÂN" over the unit's name on the left, the national title on the same line on the right.
  const lines1 = page1.split('\n').filter((l) => l.trim());
  expect(lines1[0]).toMatch(/^\s*ỦY BAN NHÂN DÂN\s{3,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$/);
  expect(lines1[1]).toMatch(/^\s*HUYỆN BẮC SƠN\s{3,}Độc lập - Tự do - Hạnh phúc\s*$/);
  expect(page1).toMatch(/Số: 35\/BC-UBND/);
  expect(page1).toMatch(/Bắc Sơn, ngày 20 tháng 5 năm 2024/);
  expect(page1).toMatch(/^\s*BÁO CÁO\s*$/m);
  expect(page1).toContain('Kết quả thực hiện Kế hoạch số');
  // The issuing body and the national title are set at the same size: their words are equally tall.
  const p1 = all.filter((w) => w.page === 1);
  const height = (t: string): number => {
    const html = sh('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
    const m = new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${t}<`).exec(html)!;
    return Number(m[2]) - Number(m[1]);
  };
  expect(Math.abs(height('ỦY') - height('CỘNG'))).toBeLessThan(0.5);
  // The issuing body is left of the national title, each block centred in its column.
  expect(p1.find((w) => w.text === 'ỦY')!.xMin).toBeLessThan(p1.find((w) => w.text === 'CỘNG')!.xMin);

  // The body opens with its basis: the province's plan 22/KH-UBND of 23/01/2024, then the district's own.
  expect(text.replace(/\s+/g, ' ')).toContain('Thực hiện Kế hoạch số 22/KH-UBND ngày 23/01/2024 của Ủy ban nhân dân tỉnh Lạng Sơn về tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ');

  // Drawn rules, not typed characters: under the issuing body, under the motto, under the subject.
  expect(text).not.toMatch(/[─━_]{3,}/);
  sh('pdftoppm', ['-gray', '-r', '100', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
  sh('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', pdf, path.join(dir, 'page')]);
  const pgm = readFileSync(path.join(dir, 'page-1.pgm'));
  const px = (pt: number): number => Math.round((pt * 100) / 72);
  const rules = drawnRules(pgm, px(20)).filter((r) => r.y < px(260));
  expect(rules.length).toBe(3);
  const [under, motto, subject] = [...rules].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const centre = (r: { x0: number; x1: number }): number => (r.x0 + r.x1) / 2;
  // The issuing body's rule is under its name on the left, the motto's on the right, as long as the motto.
  const mottoWords = p1.filter((w) => ['Độc', 'phúc'].includes(w.text));
  const mottoLength = px(mottoWords[1]!.xMax - mottoWords[0]!.xMin);
  const [left, right] = under!.x0 < motto!.x0 ? [under!, motto!] : [motto!, under!];
  expect(left.x1).toBeLessThan(right.x0);
  expect(Math.abs(right.x1 - right.x0 - mottoLength)).toBeLessThan(px(12));
  const unitName = p1.filter((w) => ['HUYỆN', 'SƠN'].includes(w.text));
  const unitLength = px(unitName[1]!.xMax - unitName[0]!.xMin);
  expect(left.x1 - left.x0).toBeGreaterThanOrEqual(unitLength / 3 - 2);
  expect(left.x1 - left.x0).toBeLessThanOrEqual(unitLength / 2 + 2);
  expect(Math.abs(centre(left) - px((unitName[0]!.xMin + unitName[1]!.xMax) / 2))).toBeLessThan(px(4));
  // The subject's rule is centred on the page's text.
  expect(Math.abs(centre(subject!) - px(85 + (595.3 - 85 - 42.5) / 2))).toBeLessThan(px(4));

  // Page numbers: none on page 1; from page 2 centred in the top margin (above 20 mm, 57 pt).
  expect(p1.filter((w) => /^\d+$/.test(w.text) && w.yMin < 57)).toEqual([]);
  for (let page = 2; page <= pages; page += 1) {
    const top = all.filter((w) => w.page === page).sort((a, b) => a.yMin - b.yMin)[0]!;
    expect([page, top.text]).toEqual([page, String(page)]);
    expect(top.yMin).toBeLessThan(57);
    expect(Math.abs((top.xMin + top.xMax) / 2 - (85 + (595.3 - 85 - 42.5) / 2))).toBeLessThan(6);
  }

  // The signer's block from the plan's data: the form, the position, the name; not "TM." of the collective.
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toMatch(/KT\. CHỦ TỊCH .*PHÓ CHỦ TỊCH .*Dương Thị Thép/);
  expect(flat).not.toContain('TM. ỦY BAN NHÂN DÂN');
  expect(flat).toContain('Nơi nhận:');
  expect(flat).toContain('- UBND tỉnh (B/c);');
  expect(flat).toContain('- Lưu: VT, VP.');

  // The appendix of sources, on its own page, in words: agency, what was reported, when; no technical ids.
  const firstWords = (page: number): string[] => all.filter((w) => w.page === page).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin).slice(1, 3).map((w) => w.text);
  const appendixPage = [...Array(pages).keys()].map((i) => i + 1).find((p) => firstWords(p).join(' ') === 'Phụ lục')!;
  // The signature closes the letter on the page before the appendix.
  expect(appendixPage).toBeGreaterThan(2);
  expect(all.some((w) => w.page === appendixPage - 1 && w.text === 'Thép')).toBe(true);
  // The block is not split: the form, the position, the name and the closing line on one page.
  const pageOf = (t: string): number[] => [...new Set(all.filter((w) => w.text === t).map((w) => w.page))];
  expect(pageOf('KT.')).toEqual([appendixPage - 1]);
  expect(pageOf('Trên')).toEqual([appendixPage - 1]);
  expect(flat).toContain('NGUỒN SỐ LIỆU CỦA BÁO CÁO');
  expect(flat).toContain('(Kèm theo Báo cáo số 35/BC-UBND ngày 20 tháng 5 năm 2024 của Ủy ban nhân dân huyện Bắc Sơn)');
  // Table rows read in the order they are drawn (pdftotext -raw), cell after cell.
  const raw = sh('pdftotext', ['-raw', '-f', String(appendixPage), pdf, '-']).replace(/\s+/g, ' ');
  expect(raw).toMatch(/Ban Chỉ huy Quân sự huyện Báo cáo kết quả thực hiện nhiệm vụ tại mục III\.1 của Kế hoạch \(lần 1, đã được chấp nhận\) 11\/05\/2024/);
  expect(raw).toMatch(/Ban Tuyên giáo Huyện ủy Báo cáo kết quả thực hiện nội dung đề nghị tại mục III\.10/);
  expect(raw).toMatch(/UBND xã Long Đống Kế hoạch số 4\/KH-UBND ngày 12 tháng 3 năm 2024 \(lần gửi thứ 1\) 12\/03\/2024/);
  expect(raw).toMatch(/Ban Chỉ huy Quân sự huyện Dự toán kinh phí số DT-2024-0A1B2C3D \(phiên bản 2\)/);
  expect(engineWordIn(text)).toBeNull();
  expect(engineWordIn(raw)).toBeNull();

  // Every font is embedded, and the text is set in Times New Roman or its metric twin, nothing in a fallback.
  const fonts = sh('pdffonts', [pdf]).split('\n').slice(2).filter((l) => l.trim());
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) expect(f).toMatch(/^\S+\+(LiberationSerif|TimesNewRoman)\S*\s.*\byes\s+yes\s+yes\b/);
  expect(fonts.some((f) => /Italic/.test(f))).toBe(true); // the place and date
});

// UPDATE_EXAMPLES=1 (after tests/report-flow.test.ts wrote the example's .docx): its PDF, committed beside it.
const example = path.resolve(__dirname, '../examples/report/bao-cao-ket-qua-70-nam-dien-bien-phu.docx');
(process.env.UPDATE_EXAMPLES === '1' ? test : test.skip)('the committed example is rendered to PDF beside its .docx', () => {
  sh('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', path.dirname(example), example]);
  const info = sh('pdfinfo', [example.replace(/\.docx$/, '.pdf')]);
  expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
});

test('the letter that carries the report to the province names no case id or plan code, nor does its attachment', () => {
  const state = { ...seededState(), drafts: [] };
  const filename = reportFilename(state, 2);
  expect(filename).toBe('bao-cao-ket-qua-so-35-BC-UBND-lan-2.docx');
  const letter = renderReportToProvince(state, { directory, publicUrl: 'https://kehoach.bacson.example.vn' }, filename);
  expect(letter.text).toContain('(tệp đính kèm: bao-cao-ket-qua-so-35-BC-UBND-lan-2.docx)');
  expect(engineWordIn([letter.subject, letter.text, letter.html].join('\n'))).toBeNull();
  expect(filename).not.toContain(state.campaignId);
});
