/**
 * The consolidated report's rules without a server (docs/architecture.md, "Assignments and the report to the
 * province"): a leader approves or returns the draft waiting on them, the office edits the narrative (a new
 * draft follows); each check refuses the wrong person, the wrong state and bad input, and each effect names the
 * draft it concerns.
 */
import type { Draft, ReportStart, ReportState, ReportStatus } from '../../workflows/report/messages';
import { awaitingFor, checks, effects, moveTo, opened } from '../../workflows/report/rules';
import { SEED_PARTIES } from '../../workflows/common/agencies';
import { actionsOf, at, person } from '../support/rules';

const start: ReportStart = {
  campaignId: 'bac-son-70-nam-dien-bien-phu',
  plan: {
    id: 'bac-son-70-nam-dien-bien-phu',
    reference: '/KH-UBND',
    title: 'Kế hoạch kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
    issued: 'ngày tháng 02 năm 2024',
    issuer: { name: 'UBND huyện Bắc Sơn', shortName: 'UBND huyện', province: 'Lạng Sơn' },
    place: 'Bắc Sơn',
    sections: [{ number: 1, heading: 'Tuyên truyền', activities: ['II.1'] }],
    signature: { position: 'Phó Chủ tịch', signer: 'Dương Thị Thép' },
    recipients: ['UBND tỉnh Lạng Sơn'],
  },
  reportDue: '2024-05-20',
  checkEveryMinutes: 60,
  startedBy: person('lan-vp'),
};
const draft = (version: number): Draft => ({ version, at: at(version), by: null, narrative: `Dự thảo ${version}`, number: null, document: { sha256: 'b'.repeat(64), filename: `bao-cao-${version}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 2048 } });

/** A report in `status` with drafts 1..n, as the workflow leaves it after compiling. */
function reportIn(status: ReportStatus, drafts = 1): ReportState {
  const s = opened(start, at(0));
  s.drafts = Array.from({ length: drafts }, (_, i) => draft(i + 1));
  moveTo(s, status, at(0));
  return s;
}
const actions = actionsOf<ReportState, keyof typeof checks>(checks, effects);
const act = (state: ReportState, action: keyof typeof checks, actor: string, input: unknown, when = at(10)) => actions.act(state, action, actor, input, when);
const { refusal } = actions;

test('opened, the report collects and waits on nobody; a draft waits on the leaders, a returned one on the office', () => {
  expect(opened(start, at(0))).toMatchObject({ id: 'bac-son-70-nam-dien-bien-phu', status: 'collecting', awaiting: null, startedAt: at(0), startedBy: person('lan-vp') });
  expect(awaitingFor('awaiting_approval', SEED_PARTIES)).toEqual({ agency: 'lanh-dao', role: 'leader' });
  expect(awaitingFor('returned', SEED_PARTIES)).toEqual({ agency: 'van-phong', role: 'administrator' });
  expect(awaitingFor('sent', SEED_PARTIES)).toBeNull();
  // A report started before inputs carried parties is the seed district's: its leadership approves.
  expect(opened(start, at(0)).parties).toEqual(SEED_PARTIES);
});

describe('approve and returnDraft', () => {
  test('only a leader, only a draft awaiting approval; a return needs comments', () => {
    for (const action of ['approve', 'returnDraft'] as const) {
      expect(refusal(reportIn('awaiting_approval'), action, 'lan-vp', { comments: 'x' }).type).toBe('Forbidden');
      expect(refusal(reportIn('awaiting_approval'), action, 'thanh-tt', { comments: 'x' }).type).toBe('Forbidden');
      for (const status of ['collecting', 'drafting', 'returned', 'approved', 'sent'] as const) {
        expect(refusal(reportIn(status), action, 'thep-dt', { comments: 'x' }).type).toBe('Conflict');
      }
    }
    expect(refusal(reportIn('awaiting_approval'), 'returnDraft', 'thep-dt', { comments: '' }).fields.map((f) => f.field)).toEqual(['comments']);
  });
  test('approval names the latest draft; without input it is an approval without comment', () => {
    const s = act(reportIn('awaiting_approval', 2), 'approve', 'thep-dt', undefined, at(20));
    expect(s.approval).toEqual({ draft: 2, at: at(20), by: person('thep-dt') });
    expect(s).toMatchObject({ status: 'approved', awaiting: null });
  });
  test('a return records the comments against the latest draft and hands it to the office', () => {
    const s = act(reportIn('awaiting_approval', 2), 'returnDraft', 'hung-nv', { comments: 'Bổ sung số liệu các xã.' }, at(20));
    expect(s.returns).toEqual([{ draft: 2, at: at(20), by: person('hung-nv'), comments: 'Bổ sung số liệu các xã.' }]);
    expect(s).toMatchObject({ status: 'returned', awaiting: { agency: 'van-phong', role: 'administrator' } });
  });
});

describe('editNarrative', () => {
  test('only the office, only while a draft is awaiting approval or returned, only a number of digits', () => {
    expect(refusal(reportIn('returned'), 'editNarrative', 'thep-dt', { narrative: 'x' }).type).toBe('Forbidden');
    expect(refusal(reportIn('returned'), 'editNarrative', 'quan-bchqs', { narrative: 'x' }).type).toBe('Forbidden');
    for (const status of ['collecting', 'drafting', 'approved', 'sent'] as const) expect(refusal(reportIn(status), 'editNarrative', 'lan-vp', { narrative: 'x' }).type).toBe('Conflict');
    expect(refusal(reportIn('returned'), 'editNarrative', 'lan-vp', { narrative: 'x', number: '35a' }).fields).toEqual([{ field: 'number', message: 'số văn bản là chữ số' }]);
  });
  test('the new text and number are kept, the edit recorded, and the report goes back to drafting for a new document', () => {
    const s = act(reportIn('returned'), 'editNarrative', 'lan-vp', { narrative: 'Đánh giá mới.', number: '35' }, at(30));
    expect(s).toMatchObject({ narrative: 'Đánh giá mới.', number: '35', status: 'drafting', awaiting: null, updatedAt: at(30) });
    expect(s.edits).toEqual([{ at: at(30), by: person('lan-vp') }]);
    // An edit without a number keeps the one given before.
    moveTo(s, 'awaiting_approval', at(35));
    act(s, 'editNarrative', 'lan-vp', { narrative: 'Lần hai.' }, at(40));
    expect(s).toMatchObject({ narrative: 'Lần hai.', number: '35' });
  });
});
