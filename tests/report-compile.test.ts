/**
 * The consolidated report's arithmetic on its own (a pure function): what counts as results, requested,
 * approved and spent, and who is named late or missing — cases the end-to-end test cannot reach in real time
 * (a report accepted after its due time, a withdrawn or rejected estimate, a commune plan sent late).
 */
import { compileReport, defaultNarrative } from '../workflows/report/compile';
import type { AssignmentInputRow, BudgetInputRow, GatheredInputs, ReportPlan } from '../workflows/report/messages';

const plan: ReportPlan = {
  id: 'kh-test',
  reference: '/KH-UBND',
  title: 'Tổ chức các hoạt động kỷ niệm',
  issued: 'ngày tháng 02 năm 2024',
  issuer: { name: 'Ủy ban nhân dân huyện Bắc Sơn', shortName: 'UBND huyện Bắc Sơn', province: 'Lạng Sơn' },
  place: 'Bắc Sơn',
  sections: [
    { number: 1, heading: 'Tuyên truyền', activities: ['II.1.a', 'II.1.b'] },
    { number: 4, heading: 'Chính sách', activities: ['II.4.a'] },
    { number: 5, heading: 'Khác', activities: ['II.5.a'] },
  ],
  signature: { form: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Dương Thị Thép' },
  recipients: ['UBND tỉnh (B/c)', 'Lưu: VT'],
};

const assignment = (number: number, agency: string, activities: string[], accepted: { version: number; late: boolean; spent: number } | null): AssignmentInputRow => ({
  workflowId: `assignment:kh-test:${number}-${agency}`,
  number,
  agency,
  agencyName: `Đơn vị ${agency}`,
  mode: 'directed',
  activities,
  status: accepted ? 'accepted' : 'awaiting_report',
  dueAt: '2024-05-20T10:00:00.000Z',
  accepted: accepted
    ? {
        version: accepted.version,
        figures: { eventsHeld: number, peopleReached: 100 * number, giftsGiven: 2 * number, giftsValue: 300_000 * number, moneySpent: accepted.spent },
        submittedAt: '2024-05-21T02:00:00.000Z',
        late: accepted.late,
        acceptedAt: '2024-05-22T02:00:00.000Z',
      }
    : null,
  reports: accepted?.version ?? 0,
});

const budget = (id: string, agency: string, status: BudgetInputRow['status'], requested: number, approved: number | null): BudgetInputRow => ({
  workflowId: `budget:${id}`,
  id,
  agency,
  title: 'Dự toán',
  status,
  version: 2,
  requested,
  approved,
  decisionNumber: approved ? '12/QĐ-UBND' : null,
});

const inputs: GatheredInputs = {
  asOf: '2024-05-23T02:00:00.000Z',
  assignments: [
    assignment(4, 'ldtbxh', ['II.4.a'], { version: 2, late: true, spent: 21_500_000 }),
    assignment(1, 'bchqs', ['II.1.a', 'II.4.a'], { version: 1, late: false, spent: 10_000_000 }),
    assignment(8, 'cong-an', ['II.5.a'], null),
  ],
  communes: [
    { workflowId: 'commune-plan:kh-test.xa-a', commune: 'xa-a', name: 'UBND xã A', status: 'accepted', dueDate: '2024-03-15', submission: { version: 2, number: '5/KH-UBND', date: '2024-03-18', signer: 'Chủ tịch', at: '2024-03-18T03:00:00.000Z', late: true, daysLate: 1 } },
    { workflowId: 'commune-plan:kh-test.xa-b', commune: 'xa-b', name: 'UBND xã B', status: 'returned', dueDate: '2024-03-15', submission: { version: 1, number: '7/KH-UBND', date: '2024-03-10', signer: 'Chủ tịch', at: '2024-03-10T03:00:00.000Z', late: false, daysLate: 0 } },
    { workflowId: 'commune-plan:kh-test.xa-c', commune: 'xa-c', name: 'UBND xã C', status: 'awaiting_submission', dueDate: '2024-03-15', submission: null },
  ],
  budgets: [
    budget('DT-1', 'bchqs', 'approved', 36_500_000, 30_000_000),
    budget('DT-2', 'bchqs', 'rejected', 5_000_000, null),
    budget('DT-3', 'bchqs', 'withdrawn', 9_000_000, null),
    budget('DT-4', 'vhtt', 'in_appraisal', 4_000_000, null),
  ],
  agencyNames: { bchqs: 'Ban Chỉ huy Quân sự huyện', vhtt: 'Phòng Văn hóa và Thông tin' },
};

const report = compileReport(plan, inputs);

test('results count accepted reports only, once each: in the totals and in the section of their first activity, so the sections add up', () => {
  expect(report.totals).toEqual({ eventsHeld: 5, peopleReached: 500, giftsGiven: 10, giftsValue: 1_500_000, moneySpent: 31_500_000 });
  expect(report.totalSources.map((s) => s.workflowId)).toEqual(['assignment:kh-test:1-bchqs', 'assignment:kh-test:4-ldtbxh']);
  expect(report.attribution).toBe('primary');
  const [s1, s4, s5] = report.sections;
  // The Military Command carries out II.1.a and II.4.a: counted under 1, named under 4 as also taking part.
  expect(s1).toMatchObject({ agencies: ['bchqs'], figures: { eventsHeld: 1, moneySpent: 10_000_000 }, alsoAgencies: [] });
  expect(s4).toMatchObject({ agencies: ['ldtbxh'], figures: { eventsHeld: 4, moneySpent: 21_500_000 }, alsoAgencies: ['bchqs'] });
  expect(s4!.sources).toEqual([{ kind: 'assignment', workflowId: 'assignment:kh-test:4-ldtbxh', version: 2 }]);
  // The Police did not report: its section shows nothing rather than a zero from nobody.
  expect(s5).toMatchObject({ agencies: [], sources: [] });
  const summed = report.sections.reduce((n, s) => n + s.figures.eventsHeld, 0);
  expect(summed).toBe(report.totals.eventsHeld);
  expect(report.sections.reduce((n, s) => n + s.figures.moneySpent, 0)).toBe(report.totals.moneySpent);
  expect(report.unattributed).toBeUndefined();
  expect(report.agencies.map((a) => a.number)).toEqual([1, 4, 8]);
  expect(report.agencies[2]).toMatchObject({ agency: 'cong-an', figures: null, source: null, status: 'awaiting_report' });
});

test('an accepted report whose activities are in no section counts in the totals and is listed apart', () => {
  const r = compileReport(plan, { ...inputs, assignments: [...inputs.assignments, assignment(9, 'hoi-nd', ['III.9'], { version: 1, late: false, spent: 0 })] });
  expect(r.unattributed).toMatchObject({ agencies: ['hoi-nd'], figures: { eventsHeld: 9 } });
  expect(r.sections.reduce((n, s) => n + s.figures.eventsHeld, 0) + r.unattributed!.figures.eventsHeld).toBe(r.totals.eventsHeld);
});

test('reports compiled before (patch report-figures-once not taken) keep counting in every section touched', () => {
  const before = compileReport(plan, inputs, { countOnce: false });
  const [, s4] = before.sections;
  expect(s4).toMatchObject({ agencies: ['bchqs', 'ldtbxh'], figures: { eventsHeld: 5, moneySpent: 31_500_000 } });
  expect(before.attribution).toBeUndefined();
  expect(before.budgets.rows[0]!.overspent).toBeUndefined();
});

test('spending beyond what was approved is counted per agency and named in the assessment', () => {
  expect(report.budgets.rows.map((r) => [r.agency, r.approved, r.spent, r.overspent])).toEqual([
    ['bchqs', 30_000_000, 10_000_000, 0],
    ['ldtbxh', 0, 21_500_000, 21_500_000],
    ['vhtt', 0, 0, 0],
  ]);
  expect(report.budgets.totals.overspent).toBe(21_500_000);
  expect(defaultNarrative(report)).toContain('Đơn vị ldtbxh đã chi vượt dự toán được phê duyệt');
});

test('budgets: withdrawn estimates ask for nothing, rejected ones are requested but not approved, spending comes from the reports', () => {
  expect(report.budgets.rows).toEqual([
    {
      agency: 'bchqs',
      name: 'Đơn vị bchqs',
      requested: 41_500_000,
      approved: 30_000_000,
      spent: 10_000_000,
      overspent: 0,
      sources: [
        { kind: 'budget', workflowId: 'budget:DT-1', version: 2 },
        { kind: 'budget', workflowId: 'budget:DT-2', version: 2 },
        { kind: 'assignment', workflowId: 'assignment:kh-test:1-bchqs', version: 1 },
      ],
    },
    { agency: 'ldtbxh', name: 'Đơn vị ldtbxh', requested: 0, approved: 0, spent: 21_500_000, overspent: 21_500_000, sources: [{ kind: 'assignment', workflowId: 'assignment:kh-test:4-ldtbxh', version: 2 }] },
    { agency: 'vhtt', name: 'Phòng Văn hóa và Thông tin', requested: 4_000_000, approved: 0, spent: 0, overspent: 0, sources: [{ kind: 'budget', workflowId: 'budget:DT-4', version: 2 }] },
  ]);
  expect(report.budgets.totals).toEqual({ requested: 45_500_000, approved: 30_000_000, spent: 31_500_000, overspent: 21_500_000 });
});

test('who was late and who is missing, agencies and communes', () => {
  expect(report.lateness.lateAgencies).toEqual([
    { number: 4, agency: 'ldtbxh', name: 'Đơn vị ldtbxh', source: { kind: 'assignment', workflowId: 'assignment:kh-test:4-ldtbxh', version: 2 } },
  ]);
  expect(report.lateness.missingAgencies).toEqual([{ number: 8, agency: 'cong-an', name: 'Đơn vị cong-an', status: 'awaiting_report' }]);
  expect(report.lateness.lateCommunes).toEqual([{ commune: 'xa-a', name: 'UBND xã A', daysLate: 1 }]);
  expect(report.lateness.missingCommunes.map((c) => c.commune)).toEqual(['xa-b', 'xa-c']);
  expect(report.communes.totals).toEqual({ communes: 3, accepted: 1, submitted: 0, returned: 1, awaiting: 1, late: 1 });
  expect(report.communes.rows[0]!.source).toEqual({ kind: 'commune-plan', workflowId: 'commune-plan:kh-test.xa-a', version: 2 });
  expect(report.communes.rows[2]!.source).toBeNull();
});

test('the first narrative states the counts and mentions the shortfalls', () => {
  const text = defaultNarrative(report);
  expect(text).toContain('2/3 nhiệm vụ đã có báo cáo kết quả được chấp nhận');
  expect(text).toContain('1/3 xã, thị trấn');
  expect(text).toContain('Tồn tại, hạn chế');
});
