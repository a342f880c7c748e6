/**
 * An assignment's rules without a server (docs/architecture.md, "Assignments and the report to the
 * province"): the assigned agency's staff send and resend the report, the reviewer accepts or returns it, and
 * nobody accepts their own agency's report; each check refuses the wrong person, the wrong state and bad
 * input, and each effect leaves the versions, returns and acceptance the report to the province reads.
 */
import type { AssignmentInput, AssignmentState } from '../../workflows/assignment/messages';
import { acceptedReport, checks, effects, opened, owesReport, participantsOf, reviewerOf } from '../../workflows/assignment/rules';
import { actionsOf, at, person } from '../support/rules';

const culture: AssignmentInput = {
  campaignId: 'bac-son-70-nam-dien-bien-phu',
  planId: 'bac-son-70-nam-dien-bien-phu',
  assignment: { number: 3, agency: 'ttvh', mode: 'directed', role: 'lead', tasks: ['Xây dựng chương trình nghệ thuật.'], activities: ['II.2.a'] },
  reportDueDate: '2024-05-10',
  reviewerAgency: 'bchqs',
  reminderBefore: 2,
};
const military: AssignmentInput = { ...culture, assignment: { ...culture.assignment, number: 1, agency: 'bchqs' } };
const report = {
  narrative: 'Đã tổ chức chương trình nghệ thuật tại quảng trường huyện.',
  figures: { eventsHeld: 2, peopleReached: 1500, giftsGiven: 0, giftsValue: 0, moneySpent: 25_000_000 },
};

/** Opened as the workflow opens it today: with the leadership reviewing an agency's own report. */
const openedFor = (input: AssignmentInput, dueAt: string | null = '2024-05-10T10:00:00.000Z'): AssignmentState => ({ ...opened(input, at(0)), leadershipReviewsOwnAgency: true, dueAt });
const actions = actionsOf<AssignmentState, keyof typeof checks>(checks, effects);
const act = (state: AssignmentState, action: keyof typeof checks, actor: string, input: unknown, when = at(10)) => actions.act(state, action, actor, input, when);
const { refusal } = actions;
const sent = () => act(openedFor(culture), 'submitReport', 'mai-ttvh', report);

test('an opened assignment waits on the agency staff; every party takes part', () => {
  const s = openedFor(culture);
  expect(s).toMatchObject({ id: 'bac-son-70-nam-dien-bien-phu:3-ttvh', status: 'awaiting_report', awaiting: { agency: 'ttvh', role: 'staff' }, overdue: false });
  expect(owesReport(s)).toBe(true);
  expect(participantsOf(s).sort()).toEqual(['bchqs', 'lanh-dao', 'ttvh', 'van-phong']);
});

describe('submitReport', () => {
  test('only staff of the assigned agency, only while the report is owed, only with its narrative and figures', () => {
    expect(refusal(openedFor(culture), 'submitReport', 'tuan-vhtt', report).type).toBe('Forbidden');
    expect(refusal(openedFor(culture), 'submitReport', 'son-bchqs', report).type).toBe('Forbidden');
    expect(refusal(sent(), 'submitReport', 'mai-ttvh', report).type).toBe('Conflict');
    const bad = refusal(openedFor(culture), 'submitReport', 'mai-ttvh', { narrative: '', figures: { ...report.figures, peopleReached: -1 } });
    expect(bad.type).toBe('InvalidInput');
    expect(bad.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['narrative', 'figures.peopleReached']));
  });
  test('records version 1, on time or late against the due time, and hands it to the reviewer', () => {
    const s = act(openedFor(culture), 'submitReport', 'mai-ttvh', report, at(10));
    expect(s.reports[0]).toEqual({ version: 1, submittedAt: at(10), submittedBy: person('mai-ttvh'), ...report, documents: [], late: false });
    expect(s).toMatchObject({ status: 'submitted', awaiting: { agency: 'bchqs', role: 'reviewer' } });
    expect(owesReport(s)).toBe(false);
    expect(act(openedFor(culture, at(5)), 'submitReport', 'mai-ttvh', report, at(10)).reports[0]!.late).toBe(true);
  });
});

describe('acceptReport and returnReport', () => {
  test('only the reviewer, only a report that was sent; a return needs comments', () => {
    for (const action of ['acceptReport', 'returnReport'] as const) {
      expect(refusal(sent(), action, 'quan-bchqs', { comments: 'x' }).type).toBe('Forbidden');
      expect(refusal(sent(), action, 'mai-ttvh', { comments: 'x' }).type).toBe('Forbidden');
      expect(refusal(openedFor(culture), action, 'son-bchqs', { comments: 'x' }).type).toBe('Conflict');
    }
    expect(refusal(sent(), 'returnReport', 'son-bchqs', {}).fields.map((f) => f.field)).toEqual(['comments']);
  });
  test('the Military Command does not accept its own report: the leadership reviews it', () => {
    const own = act(openedFor(military), 'submitReport', 'quan-bchqs', report);
    expect(reviewerOf(own)).toEqual({ agency: 'lanh-dao', role: 'leader' });
    expect(own.awaiting).toEqual({ agency: 'lanh-dao', role: 'leader' });
    expect(refusal(own, 'acceptReport', 'son-bchqs', {}).type).toBe('Forbidden');
    act(own, 'acceptReport', 'thep-dt', {});
    expect(own.status).toBe('accepted');
    // Started before that rule (patch leadership-reviews-own-agency-report): the Command's reviewer still reviews.
    const before = act({ ...opened(military, at(0)), dueAt: null }, 'submitReport', 'quan-bchqs', report);
    expect(reviewerOf(before)).toEqual({ agency: 'bchqs', role: 'reviewer' });
  });
  test('a return goes back to the agency; the resend is version 2; the acceptance names the version the province gets', () => {
    const s = act(sent(), 'returnReport', 'son-bchqs', { comments: 'Bổ sung số liệu.' }, at(20));
    expect(s.returns).toEqual([{ version: 1, at: at(20), by: person('son-bchqs'), comments: 'Bổ sung số liệu.' }]);
    expect(s).toMatchObject({ status: 'returned', awaiting: { agency: 'ttvh', role: 'staff' } });
    expect(owesReport(s)).toBe(true);
    act(s, 'submitReport', 'mai-ttvh', { ...report, figures: { ...report.figures, eventsHeld: 3 } }, at(30));
    expect(s.status).toBe('resubmitted');
    act(s, 'acceptReport', 'son-bchqs', { comment: 'Đạt.' }, at(40));
    expect(s.acceptance).toEqual({ version: 2, at: at(40), by: person('son-bchqs'), comment: 'Đạt.' });
    expect(s).toMatchObject({ status: 'accepted', awaiting: null });
    expect(acceptedReport(s)?.figures.eventsHeld).toBe(3);
  });
  test('an acceptance without input is an acceptance without comment', () => {
    const s = act(sent(), 'acceptReport', 'son-bchqs', undefined, at(40));
    expect(s.acceptance).toEqual({ version: 1, at: at(40), by: person('son-bchqs') });
  });
});
