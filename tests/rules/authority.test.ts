/**
 * Authority without a server (Nghị định 30/2020/NĐ-CP, Điều 13, Phụ lục I): the form of each signature and its
 * block — the head in person, "TM." the collective, a deputy "KT." in their field or covering an absent leader,
 * an acting head "Q.", "TL." under the working rules, "TUQ." under an authorisation in force —, and the refusals:
 * a deputy outside their field, an expired or revoked authorisation, an authorisation passed on, two that overlap.
 */
import path from 'node:path';
import { Directory } from '../../catalog/directory';
import { signerBlock } from '../../activities/report/document';
import { signatureLines } from '../../workflows/common/capacity';
import type { AuthorityInput, AuthorityRecord, AuthorityRules } from '../../workflows/authority/messages';
import { capacityOf, checkEndAuthority, checkRecordAuthority, endAuthority, recordAuthority, type Matter } from '../../workflows/authority/rules';
import { person, refusalOf } from '../support/rules';

const rules: AuthorityRules = Directory.fromFile(path.resolve(__dirname, '../../catalog/directory.json')).authority!;
// The seed plan names its field (catalog/plans): culture and society, Thép's.
const FIELD = 'van-hoa-xa-hoi';
const budgetOfPlan: Matter = { kind: 'budget_decision', field: FIELD, agency: 'bchqs' };
const militaryBudget: Matter = { kind: 'budget_decision', agency: 'bchqs' };
const report: Matter = { kind: 'report_approval', field: FIELD, agency: null };

// 10:00 in Vietnam on Monday 2 December 2024, and a day of the authorisation's term.
const MONDAY = '2024-12-02T03:00:00.000Z';
const dayAt = (date: string): string => `${date}T03:00:00.000Z`;

const who = (userId: string) => person(userId);
const capacity = (userId: string, matter: Matter, at = MONDAY, records: AuthorityRecord[] = [], r = rules) => {
  const answer = capacityOf(who(userId), matter, at, r, records);
  if (!('capacity' in answer)) throw new Error(`refused: ${answer.refusal}`);
  return answer.capacity;
};
const refusal = (userId: string, matter: Matter, at = MONDAY, records: AuthorityRecord[] = []): string => {
  const answer = capacityOf(who(userId), matter, at, rules, records);
  if (!('refusal' in answer)) throw new Error(`allowed as ${answer.capacity.form}`);
  return answer.refusal;
};

/** Records entries one after the other, as the workflow would. */
function recorded(entries: Array<[string, AuthorityInput]>, at = MONDAY): AuthorityRecord[] {
  const records: AuthorityRecord[] = [];
  for (const [by, raw] of entries) recordAuthority(records, who(by), checkRecordAuthority(records, who(by), raw, rules, at), at);
  return records;
}

const delegation = (over: Partial<Extract<AuthorityInput, { kind: 'delegation' }>> = {}): AuthorityInput => ({
  kind: 'delegation',
  delegate: 'lan-vp',
  matters: ['extension_decision'],
  validFrom: '2024-12-02',
  validTo: '2024-12-13',
  basis: { number: '15/GUQ-UBND', date: '2024-11-29' },
  ...over,
});

test('the head signs in person: "CHỦ TỊCH" alone, on any matter of any field', () => {
  const c = capacity('hung-nv', militaryBudget);
  expect(c).toMatchObject({ form: 'direct', principalTitle: 'Chủ tịch', signer: 'Nguyễn Văn Hùng', field: 'noi-chinh', record: null });
  expect(signatureLines(c)).toEqual(['CHỦ TỊCH']);
});

test('a deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in the field assigned to them, with the working rules as basis', () => {
  const c = capacity('thep-dt', report);
  expect(c).toMatchObject({ form: 'KT.', signerTitle: 'Phó Chủ tịch', field: 'van-hoa-xa-hoi' });
  expect(c.basis).toContain('văn hóa - xã hội');
  expect(c.basis).toContain('Quy chế làm việc');
  expect(signatureLines(c)).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
});

test('a deputy outside their field is refused, naming the field', () => {
  expect(refusal('vinh-hv', budgetOfPlan)).toMatch(/Phó Chủ tịch Hoàng Văn Vinh không phụ trách lĩnh vực văn hóa - xã hội/);
  expect(refusal('thep-dt', militaryBudget)).toMatch(/không phụ trách lĩnh vực nội chính, quốc phòng - an ninh/);
});

test('on a matter the collective decides, the head signs "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" and a deputy adds "KT. CHỦ TỊCH"', () => {
  const collective = { ...rules, collectiveMatters: ['report_approval' as const] };
  expect(signatureLines(capacity('hung-nv', report, MONDAY, [], collective))).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  expect(signatureLines(capacity('thep-dt', report, MONDAY, [], collective))).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
});

test('an acting head signs "Q. CHỦ TỊCH" on every matter while the decision of the level above is in force', () => {
  const records = recorded([
    ['lan-vp', { kind: 'acting', acting: 'vinh-hv', validFrom: '2024-12-02', validTo: '2024-12-31', basis: { number: '301/QĐ-UBND', date: '2024-11-28', issuer: 'UBND tỉnh Lạng Sơn' } }],
  ]);
  const c = capacity('vinh-hv', militaryBudget, MONDAY, records);
  expect(c).toMatchObject({ form: 'Q.', record: 1 });
  expect(c.basis).toContain('301/QĐ-UBND');
  expect(signatureLines(c)).toEqual(['Q. CHỦ TỊCH']);
  // After its term, he is a deputy again, outside this field.
  expect(refusal('vinh-hv', militaryBudget, dayAt('2025-01-02'), records)).toMatch(/không phụ trách/);
});

test('only the office records an acting assignment, and two may not overlap', () => {
  const acting = { kind: 'acting' as const, acting: 'vinh-hv', validFrom: '2024-12-02', validTo: '2024-12-31', basis: { number: '301/QĐ-UBND', date: '2024-11-28', issuer: 'UBND tỉnh' } };
  expect(refusalOf(() => checkRecordAuthority([], who('hung-nv'), acting, rules, MONDAY)).type).toBe('Forbidden');
  const records = recorded([['lan-vp', acting]]);
  const second = refusalOf(() => checkRecordAuthority(records, who('lan-vp'), { ...acting, acting: 'thep-dt', validFrom: '2024-12-20', validTo: '2025-01-10' }, rules, MONDAY));
  expect(second.type).toBe('Conflict');
  expect(second.message).toContain('301/QĐ-UBND');
});

test('a deputy covering the absent head signs "KT." on every field; covering an absent deputy, on that deputy\'s fields only', () => {
  const records = recorded([
    ['hung-nv', { kind: 'absence', absent: 'hung-nv', coveredBy: 'thep-dt', validFrom: '2024-12-02', validTo: '2024-12-06', reason: 'Đi công tác tỉnh' }],
    ['lan-vp', { kind: 'absence', absent: 'thep-dt', coveredBy: 'vinh-hv', validFrom: '2024-12-09', validTo: '2024-12-13', reason: 'Nghỉ phép' }],
  ]);
  const covering = capacity('thep-dt', militaryBudget, MONDAY, records);
  expect(covering).toMatchObject({ form: 'KT.', record: 1 });
  expect(covering.basis).toContain('phụ trách thay Chủ tịch');
  // The next week Vinh covers Thép: her field (the plan's) but not the head's.
  expect(capacity('vinh-hv', report, dayAt('2024-12-10'), records)).toMatchObject({ form: 'KT.', record: 2 });
  expect(refusal('vinh-hv', militaryBudget, dayAt('2024-12-10'), records)).toMatch(/không phụ trách/);
  // Out of the absence's term, the cover ends.
  expect(refusal('thep-dt', militaryBudget, dayAt('2024-12-09'), records)).toMatch(/không phụ trách/);
});

test('an absence is recorded by the absent leader or the office, covered by another leader, without two overlapping', () => {
  const absence = { kind: 'absence' as const, absent: 'thep-dt', coveredBy: 'vinh-hv', validFrom: '2024-12-02', validTo: '2024-12-06', reason: 'Nghỉ phép' };
  expect(refusalOf(() => checkRecordAuthority([], who('hung-nv'), absence, rules, MONDAY)).type).toBe('Forbidden');
  expect(refusalOf(() => checkRecordAuthority([], who('thep-dt'), { ...absence, coveredBy: 'lan-vp' }, rules, MONDAY)).fields).toEqual([expect.objectContaining({ field: 'coveredBy' })]);
  const records = recorded([['thep-dt', absence]]);
  expect(refusalOf(() => checkRecordAuthority(records, who('lan-vp'), { ...absence, absent: 'vinh-hv', coveredBy: 'hung-nv' }, rules, MONDAY)).type).toBe('Conflict');
});

test('"TL.": a unit head the working rules let sign a kind of matter signs "TL. CHỦ TỊCH / <own title>", never for the collective', () => {
  const withGrant = { ...rules, collectiveMatters: ['extension_decision' as const], grants: [{ userId: 'lan-vp', title: 'Phó Chánh Văn phòng', matters: ['extension_decision' as const] }] };
  const c = capacity('lan-vp', { kind: 'extension_decision', field: FIELD }, MONDAY, [], withGrant);
  expect(c).toMatchObject({ form: 'TL.', collective: null });
  expect(signatureLines(c)).toEqual(['TL. CHỦ TỊCH', 'PHÓ CHÁNH VĂN PHÒNG']);
  // Not on a kind the rules do not grant.
  const answer = capacityOf(who('lan-vp'), budgetOfPlan, MONDAY, withGrant, []);
  expect('refusal' in answer).toBe(true);
});

test('"TUQ.": the head authorises in writing, for a scope and a term; within it the delegate signs "TUQ. CHỦ TỊCH"', () => {
  const records = recorded([['hung-nv', delegation()]]);
  const c = capacity('lan-vp', { kind: 'extension_decision', field: FIELD }, dayAt('2024-12-13'), records);
  expect(c).toMatchObject({ form: 'TUQ.', record: 1, collective: null });
  expect(c.basis).toContain('15/GUQ-UBND');
  expect(signatureLines(c)[0]).toBe('TUQ. CHỦ TỊCH');
  // Outside its scope: no.
  expect(refusal('lan-vp', budgetOfPlan, MONDAY, records)).toMatch(/không có thẩm quyền quyết định dự toán/);
});

test('an expired authorisation and a revoked one are refused, saying which and since when', () => {
  const records = recorded([['hung-nv', delegation()]]);
  expect(refusal('lan-vp', { kind: 'extension_decision', field: FIELD }, dayAt('2024-12-16'), records)).toMatch(/Ủy quyền số 15\/GUQ-UBND .* đã hết hiệu lực ngày 13\/12\/2024/);
  const revokedAt = dayAt('2024-12-04');
  endAuthority(records, who('hung-nv'), checkEndAuthority(records, who('hung-nv'), { seq: 1, reason: 'Chủ tịch đã về' }, rules, revokedAt), revokedAt);
  expect(refusal('lan-vp', { kind: 'extension_decision', field: FIELD }, dayAt('2024-12-05'), records)).toMatch(/đã bị thu hồi ngày 04\/12\/2024/);
  // Before the revocation it stood (the records keep what held when a decision was made).
  expect(capacity('lan-vp', { kind: 'extension_decision', field: FIELD }, dayAt('2024-12-03'), records).form).toBe('TUQ.');
});

test('an authorisation is never passed on, only the head gives one, and two of the same scope may not overlap', () => {
  const records = recorded([['hung-nv', delegation()]]);
  const passedOn = refusalOf(() => checkRecordAuthority(records, who('lan-vp'), delegation({ delegate: 'khoa-thanh-tra' }), rules, MONDAY));
  expect(passedOn.type).toBe('Forbidden');
  expect(passedOn.message).toMatch(/không được ủy quyền lại/);
  expect(refusalOf(() => checkRecordAuthority([], who('thep-dt'), delegation(), rules, MONDAY)).type).toBe('Forbidden');
  const overlap = refusalOf(() => checkRecordAuthority(records, who('hung-nv'), delegation({ delegate: 'khoa-thanh-tra', validFrom: '2024-12-10', validTo: '2024-12-20' }), rules, MONDAY));
  expect(overlap.type).toBe('Conflict');
  expect(overlap.message).toContain('15/GUQ-UBND');
  // Another scope, or after the term: fine.
  expect(checkRecordAuthority(records, who('hung-nv'), delegation({ delegate: 'khoa-thanh-tra', matters: ['budget_decision'] }), rules, MONDAY).kind).toBe('delegation');
  expect(checkRecordAuthority(records, who('hung-nv'), delegation({ validFrom: '2024-12-16', validTo: '2024-12-20' }), rules, MONDAY).kind).toBe('delegation');
});

test('a term that ends before it starts, or has passed, is refused; a leader is not a delegate', () => {
  expect(refusalOf(() => checkRecordAuthority([], who('hung-nv'), delegation({ validTo: '2024-11-30' }), rules, MONDAY)).fields).toEqual([expect.objectContaining({ field: 'validTo' })]);
  expect(refusalOf(() => checkRecordAuthority([], who('hung-nv'), delegation({ delegate: 'thep-dt' }), rules, MONDAY)).fields).toEqual([expect.objectContaining({ field: 'delegate' })]);
});

test('someone who is neither a leader nor authorised is refused, with the matter named', () => {
  expect(refusal('quan-bchqs', budgetOfPlan)).toBe('Hoàng Văn Quân không có thẩm quyền quyết định dự toán kinh phí (không phải lãnh đạo, không được ủy quyền)');
});

test("the report's signature block is its approver's: KT. for a deputy, Q. for an acting head, TUQ. under an authorisation; the plan's before approval", () => {
  const plan = { signature: { form: 'KT. CHỦ TỊCH', position: 'PHÓ CHỦ TỊCH', signer: 'Dương Thị Thép' } } as Parameters<typeof signerBlock>[0]['plan'];
  const approvedBy = (userId: string, c: ReturnType<typeof capacity>) => ({ plan, approval: { draft: 1, at: MONDAY, by: { ...who(userId), capacity: c } } });
  expect(signerBlock({ plan, approval: null })).toEqual({ lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Dương Thị Thép' });
  expect(signerBlock(approvedBy('hung-nv', capacity('hung-nv', report)))).toEqual({ lines: ['CHỦ TỊCH'], name: 'Nguyễn Văn Hùng' });
  const acting = recorded([
    ['lan-vp', { kind: 'acting', acting: 'vinh-hv', validFrom: '2024-12-02', validTo: '2024-12-31', basis: { number: '301/QĐ-UBND', date: '2024-11-28', issuer: 'UBND tỉnh Lạng Sơn' } }],
  ]);
  expect(signerBlock(approvedBy('vinh-hv', capacity('vinh-hv', report, MONDAY, acting)))).toEqual({ lines: ['Q. CHỦ TỊCH'], name: 'Hoàng Văn Vinh' });
  const delegated = recorded([['hung-nv', delegation({ matters: ['report_approval'] })]]);
  const underDelegation = capacityOf({ ...who('lan-vp'), title: 'Phó Chánh Văn phòng HĐND và UBND huyện' }, report, MONDAY, rules, delegated);
  if (!('capacity' in underDelegation)) throw new Error(underDelegation.refusal);
  expect(signerBlock(approvedBy('lan-vp', underDelegation.capacity))).toEqual({ lines: ['TUQ. CHỦ TỊCH', 'PHÓ CHÁNH VĂN PHÒNG HĐND VÀ UBND HUYỆN'], name: 'Nông Thị Lan' });
});
