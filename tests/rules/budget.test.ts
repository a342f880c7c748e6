/**
 * The budget estimate's rules without a server (docs/architecture.md, "Budget estimate"): each check refuses
 * the wrong person (403), the wrong state (409) and bad input (400) with its reason, and each effect leaves the
 * estimate in the state, with the record, the parties read on its page. The same checks run as the Update
 * validators; tests/budget-refusals.test.ts drives them through HTTP.
 */
import { militaryEstimate } from '../../catalog/sample-estimate';
import type { Actor } from '../../workflows/common/actor';
import type { BudgetState } from '../../workflows/budget/messages';
import { checks, currentAppraisal, effects, submitted } from '../../workflows/budget/rules';
import { actionsOf, at, person } from '../support/rules';

const policy = { appraisalDays: 2, revisionDays: 5, decisionDays: 3, reminderBefore: 1 };

/** An estimate just submitted by `userId` (the Military Command's staff by default). */
const estimateOf = (userId = 'quan-bchqs', appraisedBy?: BudgetState['appraisedBy']): BudgetState => ({
  ...submitted({ id: 'DT-2024-TEST0001', submittedBy: person(userId), estimate: militaryEstimate, policy }, at(0)),
  ...(appraisedBy ? { appraisedBy } : {}),
});

const actions = actionsOf<BudgetState, keyof typeof checks>(checks, effects);
const act = (state: BudgetState, action: keyof typeof checks, actor: string | Actor, input: unknown, when = at(10)) => actions.act(state, action, actor, input, when);
const { refusal } = actions;

const fullAppraisal = { lines: [{ lineNo: 1, recommendedAmount: 20_000_000 }, { lineNo: 2, recommendedAmount: 9_000_000 }, { lineNo: 3, recommendedAmount: 5_000_000 }], opinion: 'Đủ điều kiện trình phê duyệt.' };
const approval = { amount: 34_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' };
const reason = { reason: 'Chưa phù hợp với dự toán được giao.' };
const appraised = (): BudgetState => act(estimateOf(), 'appraise', 'hoa-tckh', fullAppraisal);

test('a submitted estimate: amounts and total computed, in appraisal, waiting on the Finance Office appraisers', () => {
  const s = estimateOf();
  expect(s.versions[0]!.lines.map((l) => [l.lineNo, l.amount])).toEqual([[1, 20_000_000], [2, 10_500_000], [3, 6_000_000]]);
  expect(s.versions[0]!.total).toBe(36_500_000);
  expect(s).toMatchObject({ status: 'in_appraisal', agency: 'bchqs', awaiting: { agency: 'tckh', role: 'appraiser' }, dueAt: null, overdue: false });
});

describe('requestRevision', () => {
  test('only an appraiser of the Finance Office, only in appraisal, only with comments', () => {
    expect(refusal(estimateOf(), 'requestRevision', 'quan-bchqs', { comments: 'x' })).toMatchObject({ type: 'Forbidden' });
    expect(refusal(estimateOf(), 'requestRevision', { ...person('hoa-tckh'), agency: 'bchqs' }, { comments: 'x' }).type).toBe('Forbidden');
    expect(refusal(appraised(), 'requestRevision', 'minh-tckh', { comments: 'x' })).toMatchObject({ type: 'Conflict', message: expect.stringContaining('Chờ') });
    expect(refusal(estimateOf(), 'requestRevision', 'hoa-tckh', {}).fields.map((f) => f.field)).toEqual(['comments']);
  });
  test('records the comments against the current version and hands the estimate back to its agency, its deadline cleared', () => {
    const s = { ...estimateOf(), dueAt: at(60), overdue: true };
    act(s, 'requestRevision', 'hoa-tckh', { comments: 'Tách chi phí băng rôn.' }, at(20));
    expect(s.revisionRequests).toEqual([{ version: 1, at: at(20), by: person('hoa-tckh'), comments: 'Tách chi phí băng rôn.' }]);
    expect(s).toMatchObject({ status: 'revision_requested', awaiting: { agency: 'bchqs', role: 'staff' }, dueAt: null, overdue: false, updatedAt: at(20) });
  });
});

describe('resubmit', () => {
  const returned = () => act(estimateOf(), 'requestRevision', 'hoa-tckh', { comments: 'Tách chi phí băng rôn.' });
  test('only staff of the submitting agency, only after a revision was requested, only a valid estimate', () => {
    expect(refusal(returned(), 'resubmit', 'ha-tckh', militaryEstimate).type).toBe('Forbidden');
    expect(refusal(returned(), 'resubmit', 'son-bchqs', militaryEstimate).type).toBe('Forbidden');
    expect(refusal(estimateOf(), 'resubmit', 'binh-bchqs', militaryEstimate).type).toBe('Conflict');
    expect(refusal(returned(), 'resubmit', 'binh-bchqs', { ...militaryEstimate, lines: [] }).type).toBe('InvalidInput');
  });
  test('adds version 2 with its own amounts, keeps version 1, and goes back to appraisal', () => {
    const s = act(returned(), 'resubmit', 'binh-bchqs', { ...militaryEstimate, lines: [{ ...militaryEstimate.lines[1]!, quantity: 20 }] }, at(30));
    expect(s.versions.map((v) => [v.version, v.total, v.submittedBy.userId])).toEqual([[1, 36_500_000, 'quan-bchqs'], [2, 7_000_000, 'binh-bchqs']]);
    expect(s).toMatchObject({ status: 'in_appraisal', awaiting: { agency: 'tckh', role: 'appraiser' } });
  });
  test('refused (409) once the case with the new version would pass 1 MB, which keeps every answer under Temporal\'s 2 MB', () => {
    // 200 lines of 290 four-byte characters: about 250 KB a version, what make fuzz sent.
    const big = { ...militaryEstimate, lines: Array.from({ length: 200 }, () => ({ ...militaryEstimate.lines[0]!, description: '😀'.repeat(290) })) };
    let s = returned();
    for (let version = 2; version <= 4; version++) s = act(act(s, 'resubmit', 'binh-bchqs', big), 'requestRevision', 'hoa-tckh', { comments: 'Chưa đủ.' });
    expect(s.versions).toHaveLength(4);
    const r = refusal(s, 'resubmit', 'binh-bchqs', big);
    expect(r).toMatchObject({ type: 'Conflict', message: expect.stringContaining('rút dự toán này và lập dự toán mới') });
    // A small correction still fits.
    expect(act(s, 'resubmit', 'binh-bchqs', militaryEstimate).versions).toHaveLength(5);
  });
});

describe('appraise', () => {
  test('names every line that is missing, unknown, repeated or recommended above its request', () => {
    const r = refusal(estimateOf(), 'appraise', 'hoa-tckh', {
      lines: [{ lineNo: 1, recommendedAmount: 20_000_001 }, { lineNo: 1, recommendedAmount: 1 }, { lineNo: 9, recommendedAmount: 1 }],
      opinion: 'x',
    });
    expect(r.type).toBe('InvalidInput');
    expect(r.fields).toEqual(
      expect.arrayContaining([
        { field: 'lines.0.recommendedAmount', message: expect.stringContaining('20.000.000') },
        { field: 'lines.1.lineNo', message: expect.stringContaining('bị lặp') },
        { field: 'lines.2.lineNo', message: expect.stringContaining('không có dòng 9') },
        { field: 'lines', message: 'thiếu số đề nghị cho dòng 2' },
        { field: 'lines', message: 'thiếu số đề nghị cho dòng 3' },
      ]),
    );
  });
  test('nobody appraises their own agency: the Finance Office is refused its own estimate, which the leadership appraises', () => {
    expect(refusal(estimateOf('ha-tckh'), 'appraise', 'hoa-tckh', fullAppraisal)).toMatchObject({ type: 'Forbidden', message: expect.stringContaining('chính đơn vị mình') });
    const own = estimateOf('ha-tckh', 'leadership');
    expect(refusal(own, 'appraise', 'hoa-tckh', fullAppraisal).type).toBe('Forbidden');
    act(own, 'appraise', 'thep-dt', fullAppraisal);
    expect(own.appraisals[0]!.by.userId).toBe('thep-dt');
  });
  test('only in appraisal, only by an appraiser', () => {
    expect(refusal(appraised(), 'appraise', 'hoa-tckh', fullAppraisal).type).toBe('Conflict');
    expect(refusal(estimateOf(), 'appraise', 'thep-dt', fullAppraisal).type).toBe('Forbidden');
  });
  test('records each line requested beside recommended, the total, the opinion, and passes it to the leadership', () => {
    const s = appraised();
    expect(s.appraisals[0]).toMatchObject({ version: 1, total: 34_000_000, opinion: fullAppraisal.opinion, by: person('hoa-tckh') });
    expect(s.appraisals[0]!.lines.map((l) => [l.requestedAmount, l.recommendedAmount])).toEqual([[20_000_000, 20_000_000], [10_500_000, 9_000_000], [6_000_000, 5_000_000]]);
    expect(s).toMatchObject({ status: 'awaiting_decision', awaiting: { agency: 'lanh-dao', role: 'leader' } });
  });
});

describe('the decision: approve, return to appraisal, reject', () => {
  test('only a leader, only awaiting a decision, and not the leader who appraised it', () => {
    for (const [action, input] of [['approve', approval], ['returnToAppraisal', reason], ['reject', reason]] as const) {
      expect(refusal(appraised(), action, 'hoa-tckh', input).type).toBe('Forbidden');
      expect(refusal(estimateOf(), action, 'thep-dt', input).type).toBe('Conflict');
      const own = act(estimateOf('ha-tckh', 'leadership'), 'appraise', 'thep-dt', fullAppraisal);
      expect(refusal(own, action, 'thep-dt', input)).toMatchObject({ type: 'Forbidden', message: 'Người đã thẩm định không được quyết định dự toán này' });
      expect(() => checks[action](own, person('hung-nv'), input)).not.toThrow();
    }
  });
  test('the approved amount may not exceed the appraised total', () => {
    expect(refusal(appraised(), 'approve', 'thep-dt', { ...approval, amount: 34_000_001 }).fields).toEqual([{ field: 'amount', message: expect.stringContaining('34.000.000') }]);
    expect(refusal(appraised(), 'reject', 'thep-dt', {}).fields.map((f) => f.field)).toEqual(['reason']);
  });
  test('approve records the decision and closes the estimate', () => {
    const s = act(appraised(), 'approve', 'thep-dt', approval, at(40));
    expect(s.decision).toEqual({ outcome: 'approved', at: at(40), by: person('thep-dt'), ...approval });
    expect(s).toMatchObject({ status: 'approved', awaiting: null });
  });
  test('reject records the reason and closes the estimate', () => {
    const s = act(appraised(), 'reject', 'thep-dt', reason, at(40));
    expect(s.decision).toEqual({ outcome: 'rejected', at: at(40), by: person('thep-dt'), reason: reason.reason });
    expect(s).toMatchObject({ status: 'rejected', awaiting: null });
  });
  test('a return keeps the appraisal on record and needs a fresh one before a decision', () => {
    const s = act(appraised(), 'returnToAppraisal', 'thep-dt', reason, at(40));
    expect(s.returns).toEqual([{ at: at(40), by: person('thep-dt'), reason: reason.reason }]);
    expect(s).toMatchObject({ status: 'in_appraisal', awaiting: { agency: 'tckh', role: 'appraiser' } });
    expect(s.appraisals).toHaveLength(1);
    expect(refusal(s, 'approve', 'thep-dt', approval).type).toBe('Conflict');
    act(s, 'appraise', 'minh-tckh', { ...fullAppraisal, lines: fullAppraisal.lines.map((l) => ({ ...l, recommendedAmount: 1_000_000 })) });
    expect(currentAppraisal(s)).toMatchObject({ total: 3_000_000, by: { userId: 'minh-tckh' } });
    expect(refusal(s, 'approve', 'thep-dt', approval).type).toBe('InvalidInput');
  });
});

describe('withdraw', () => {
  test('the submitting agency withdraws in any open state, with a reason; nobody else, and not once decided', () => {
    const open = [estimateOf(), act(estimateOf(), 'requestRevision', 'hoa-tckh', { comments: 'x' }), appraised()];
    for (const s of open) {
      expect(refusal(s, 'withdraw', 'ha-tckh', reason).type).toBe('Forbidden');
      act(s, 'withdraw', 'binh-bchqs', reason, at(50));
      expect(s).toMatchObject({ status: 'withdrawn', awaiting: null, withdrawal: { at: at(50), by: person('binh-bchqs'), reason: reason.reason } });
    }
    expect(refusal(act(appraised(), 'approve', 'thep-dt', approval), 'withdraw', 'quan-bchqs', reason).type).toBe('Conflict');
    expect(refusal(estimateOf(), 'withdraw', 'quan-bchqs', { reason: '' }).type).toBe('InvalidInput');
  });
});

describe("another tenant's parties", () => {
  const parties = { leadership: 'lanh-dao-ubnd', office: 'van-phong-ubnd', appraiser: 'kinh-te', above: 'ubnd-tinh-lang-son' };
  const theirs = (): BudgetState => submitted({ id: 'DT-2026-TEST0002', submittedBy: person('quan-bchqs'), estimate: militaryEstimate, policy, parties }, at(0));

  test("an estimate started with them waits on their appraiser and keeps them; one started without is the seed district's", () => {
    expect(theirs()).toMatchObject({ awaiting: { agency: 'kinh-te', role: 'appraiser' }, parties });
    expect(estimateOf().parties).toEqual({ leadership: 'lanh-dao', office: 'van-phong', appraiser: 'tckh', above: 'ubnd-tinh' });
  });

  test("the seed's appraiser and leadership may not act on it; theirs may", () => {
    expect(refusal(theirs(), 'appraise', 'hoa-tckh', fullAppraisal).type).toBe('Forbidden');
    const appraisedByTheirs = act(theirs(), 'appraise', { ...person('hoa-tckh'), agency: 'kinh-te' }, fullAppraisal);
    expect(appraisedByTheirs.awaiting).toEqual({ agency: 'lanh-dao-ubnd', role: 'leader' });
    expect(refusal(appraisedByTheirs, 'approve', 'hung-nv', approval).type).toBe('Forbidden');
    expect(act(appraisedByTheirs, 'approve', { ...person('hung-nv'), agency: 'lanh-dao-ubnd' }, approval).status).toBe('approved');
  });
});
