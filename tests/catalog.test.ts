/**
 * The catalog data (directory, holidays, the seed plan) loads with the real loaders and fits together.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkingCalendar } from '../catalog/calendar';
import { Directory, DirectorySchema, Roles } from '../catalog/directory';
import { checkPlanAgainstDirectory, resolveTarget } from '../catalog/plan-fit';
import { issuedDate, listActivities, type Plan } from '../catalog/plan';
import { loadPlan, loadPlans, parsePlan } from '../catalog/plan-files';

const catalog = path.join(__dirname, '..', 'catalog');
const planFile = path.join(catalog, 'plans', 'bac-son-70-nam-dien-bien-phu.json');

describe('seed plan', () => {
  const plan = loadPlan(planFile);
  const directory = Directory.fromFile(path.join(catalog, 'directory.json'));
  const assignment = (n: number) => plan.implementation.assignments.find((a) => a.number === n)!;

  it('is identified as issued', () => {
    expect(plan.id).toBe('bac-son-70-nam-dien-bien-phu');
    expect(plan.symbol).toBe('KH-UBND');
    expect(plan.number).toBeUndefined();
    expect(plan.issued).toMatchObject({ year: 2024, month: 2 });
    expect(issuedDate(plan)).toBeUndefined();
    expect(plan.basis[0]).toMatchObject({ number: '22', symbol: 'KH-UBND', date: '2024-01-23', issuerUnit: 'ubnd-tinh' });
    expect(plan.signature).toMatchObject({ form: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Dương Thị Thép' });
  });

  it('has 3 purposes, 5 sections in II and 13 assignments', () => {
    expect(plan.purposes.items).toHaveLength(3);
    expect(plan.content.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
    expect(listActivities(plan)).toHaveLength(12);
    expect(plan.implementation.assignments).toHaveLength(13);
    expect(plan.implementation.assignments.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('reads time windows as dates where the text allows', () => {
    const byCode = new Map(listActivities(plan).map((a) => [a.code, a]));
    expect(byCode.get('II.1.a')!.window).toMatchObject({ text: 'quý I, II năm 2024', from: '2024-01-01', to: '2024-06-30' });
    expect(byCode.get('II.1.b')!.window).toMatchObject({ text: 'Khi cấp trên phát động', whenTriggered: true });
    expect(byCode.get('II.1.b')!.window!.from).toBeUndefined();
    // Section II.2 prints its window once for both bullets.
    expect(byCode.get('II.2.b')!.window).toMatchObject({ from: '2024-01-01', to: '2024-06-30' });
    expect(byCode.get('II.4.c')!.window).toMatchObject({ from: '2024-05-01', to: '2024-05-31' });
  });

  it('requests Party bodies and mass organisations and directs everyone else', () => {
    const requested = plan.implementation.assignments.filter((a) => a.mode === 'requested').map((a) => a.agency);
    expect(requested.sort()).toEqual(['btg', 'hoi-ccb', 'huyen-doan']);
    for (const a of plan.implementation.assignments) {
      if (!requested.includes(a.agency)) expect(a.mode).toBe('directed');
    }
  });

  it('sends item 9 to every commune and the town, item 13 to every agency', () => {
    expect(assignment(9).agency).toBe('communes');
    expect(assignment(9).issuesOwnPlan).toBe(true);
    expect(resolveTarget('communes', directory)).toHaveLength(18);
    expect(assignment(13).agency).toBe('all-agencies');
    expect(resolveTarget('all-agencies', directory)).toEqual(expect.arrayContaining(['bchqs', 'tckh', 'btg', 'huyen-doan', 'hoi-ccb']));
  });

  it('routes money: the military command estimates, finance appraises', () => {
    expect(assignment(1)).toMatchObject({ agency: 'bchqs', role: 'lead', coordinator: true, submitsBudgetEstimate: true });
    expect(assignment(1).tasks).toHaveLength(3);
    expect(assignment(5)).toMatchObject({ agency: 'tckh', appraisesBudgets: true, submitsBudgetEstimate: false });
    expect(assignment(7).cooperatingWith.sort()).toEqual(['bchqs', 'hoi-ccb', 'huyen-doan']);
  });

  it('fits the directory', () => {
    expect(checkPlanAgainstDirectory(plan, directory)).toEqual([]);
  });

  it('loads every plan of the folder', () => {
    expect(loadPlans(path.join(catalog, 'plans')).map((p) => p.id)).toContain(plan.id);
  });
});

describe('plan validation', () => {
  const raw = () => JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, any>;

  it('rejects an assignment without its agency, naming the path', () => {
    const broken = raw();
    delete broken.implementation.assignments[0].agency;
    expect(() => parsePlan(broken, 'broken.json')).toThrow(/implementation\.assignments\.0\.agency/);
  });

  it('rejects an unknown activity code, naming the path', () => {
    const broken = raw();
    broken.implementation.assignments[2].activities.push('II.9.z');
    expect(() => parsePlan(broken, 'broken.json')).toThrow(/implementation\.assignments\.2\.activities\.\d+: unknown activity II\.9\.z/);
  });

  it('lists every problem at once', () => {
    const broken = raw();
    broken.content.sections[0].activities[1].when.from = '2024-13-01';
    delete broken.signature.signer;
    let message = '';
    try {
      parsePlan(broken, 'broken.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/content\.sections\.0\.activities\.1\.when\.from/);
    expect(message).toMatch(/signature\.signer/);
  });

  it('reports units unknown to the directory', () => {
    const plan: Plan = parsePlan(raw());
    const [, vhtt, , , , , gddt, , , btg] = plan.implementation.assignments;
    vhtt!.agency = 'phong-khong-co';
    gddt!.cooperatingWith = ['doan-khong-co'];
    btg!.mode = 'directed';
    const problems = checkPlanAgainstDirectory(plan, Directory.fromFile(path.join(catalog, 'directory.json')));
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['implementation.assignments.1.agency', 'implementation.assignments.6.cooperatingWith.0', 'implementation.assignments.9.mode']),
    );
  });
});

describe('directory', () => {
  const directory = Directory.fromFile(path.join(catalog, 'directory.json'));

  it('has the 18 communes and the town among them', () => {
    expect(directory.communes()).toHaveLength(18);
    expect(directory.units('town').map((u) => u.code)).toEqual(['tt-bac-son']);
    expect(directory.unit('xa-long-dong')?.name).toBe('UBND xã Long Đống');
  });

  it('has at least one user per role', () => {
    for (const role of Roles) expect(directory.data.users.some((u) => u.role === role)).toBe(true);
    for (const commune of directory.communes()) expect(directory.usersOf(commune.code, 'commune_officer')).not.toHaveLength(0);
  });

  it('knows the signer and uses fictitious mail domains only', () => {
    expect(directory.user('thep-dt')).toMatchObject({ name: 'Dương Thị Thép', role: 'leader', agency: 'lanh-dao' });
    const emails = [...directory.data.units.map((u) => u.email), ...directory.data.users.map((u) => u.email)];
    for (const email of emails) expect(email).toMatch(/@[a-z]+\.example\.vn$/);
  });
});

describe('the directory: who the plan addresses, and the inspector apart from the leadership', () => {
  const directory = Directory.fromFile(path.join(catalog, 'directory.json'));
  const plan = loadPlan(planFile);

  it('holds the Fatherland Front and the socio-political organisations the plan sends to ("UBMTTQ, các tổ chức CT-XH huyện")', () => {
    const line = plan.recipients.find((r) => r.text.includes('UBMTTQ'))!;
    expect(line.text).toBe('Các cơ quan, đơn vị, UBMTTQ, các tổ chức CT-XH huyện');
    const reached = line.units.flatMap((u) => resolveTarget(u, directory));
    const named = (code: string) => [code, directory.unit(code)?.name, directory.unit(code)?.kind];
    expect(reached.filter((c) => ['fatherland_front', 'mass_organisation'].includes(directory.unit(c)!.kind)).map(named)).toEqual([
      ['huyen-doan', 'Huyện đoàn', 'mass_organisation'],
      ['hoi-ccb', 'Hội Cựu chiến binh huyện', 'mass_organisation'],
      ['ubmttq', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện Bắc Sơn', 'fatherland_front'],
      ['hoi-lhpn', 'Hội Liên hiệp Phụ nữ huyện', 'mass_organisation'],
      ['hoi-nong-dan', 'Hội Nông dân huyện', 'mass_organisation'],
      ['ldld', 'Liên đoàn Lao động huyện', 'mass_organisation'],
    ]);
    // Each of them can answer what is requested of it.
    for (const code of ['ubmttq', 'hoi-lhpn', 'hoi-nong-dan', 'ldld']) expect([code, directory.usersOf(code, 'staff').length > 0]).toEqual([code, true]);
  });

  it('puts the inspector in the district inspectorate, not in the leadership it inspects', () => {
    const inspector = directory.user('thanh-tt')!;
    expect(inspector.role).toBe('auditor');
    expect(directory.unit(inspector.agency)).toMatchObject({ code: 'thanh-tra', name: 'Thanh tra huyện', kind: 'inspectorate' });
    expect(directory.data.users.filter((u) => u.agency === 'lanh-dao').map((u) => u.role)).toEqual(['leader', 'leader', 'leader']);
  });
});

describe('working calendar', () => {
  const calendar = WorkingCalendar.fromFile(path.join(catalog, 'holidays.json'));

  it('skips the 30/4 - 1/5 holidays of 2024 and counts the swapped Saturday', () => {
    for (const d of ['2024-04-29', '2024-04-30', '2024-05-01']) expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-05-05')).toBe(false);
  });

  it('counts 3 working days from Friday 26/4/2024 to Saturday 4/5/2024', () => {
    expect(calendar.addWorkingDays('2024-04-26', 3)).toBe('2024-05-04');
    expect(calendar.workingDaysBetween('2024-04-26', '2024-05-04')).toBe(3);
  });

  it('skips Tết and Quốc khánh', () => {
    for (const d of ['2024-02-08', '2024-02-14', '2024-09-02', '2024-09-03', '2025-01-27', '2025-01-31', '2025-09-01', '2026-02-16', '2026-02-20'])
      expect(calendar.isWorkingDay(d)).toBe(false);
    expect(calendar.isWorkingDay('2024-02-15')).toBe(true);
    expect(calendar.holidayName('2024-09-02')).toMatch(/Quốc khánh/);
  });

  it('knows the swaps of 2025 and 2026', () => {
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-04-27')).toBe(false);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('covers 2024 to 2026', () => {
    for (const year of ['2024', '2025', '2026']) expect(calendar.covers(`${year}-06-01`)).toBe(true);
  });
});

test("a directory's parties name units of the kind each duty needs; the seed's are its own codes", () => {
  const file = path.join(catalog, 'directory.json');
  const seed = JSON.parse(readFileSync(file, 'utf8'));
  expect(Directory.fromFile(file).parties).toEqual({ leadership: 'lanh-dao', office: 'van-phong', appraiser: 'tckh', above: 'ubnd-tinh' });
  const problems = (parties: object): string[] => {
    const parsed = DirectorySchema.safeParse({ ...seed, parties: { ...seed.parties, ...parties } });
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  expect(problems({})).toEqual([]);
  expect(problems({ appraiser: 'so-tai-chinh' })).toEqual(['parties.appraiser: unknown unit so-tai-chinh']);
  expect(problems({ above: 'tckh' })).toEqual(['parties.above: tckh is a unit of kind agency, not province or central']);
  expect(problems({ leadership: 'van-phong' })).toEqual(['parties.leadership: van-phong is a unit of kind office, not leadership']);
});
