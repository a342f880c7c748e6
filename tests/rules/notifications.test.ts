/**
 * An agency inbox's rules without a server: each notice kept once, every member of the agency reads every
 * notification and nobody else reads any, marking read is per person, members choose the digest (auditors
 * change nothing), and only the office routes an agency's mail elsewhere, within the configured domains.
 */
import type { NotificationInput } from '../../workflows/notifications/messages';
import { checks, effects, emptyInbox, find, inMailDomains, MAX_KEPT, outsideMailDomains, page, receive, unreadCount } from '../../workflows/notifications/rules';
import { at, person, refusalOf } from '../support/rules';

const notice = (n: number, roles: NotificationInput['roles'] = null): NotificationInput => ({
  key: `budget:DT-2024-TEST0001/${n}-submitted`,
  kind: 'budget',
  event: 'submitted',
  subject: `Dự toán chờ thẩm định (${n})`,
  summary: 'Ban Chỉ huy Quân sự huyện đã gửi dự toán.',
  link: '/budgets/DT-2024-TEST0001',
  workflowId: 'budget:DT-2024-TEST0001',
  roles,
});
const inboxWith = (count: number) => {
  const inbox = emptyInbox('tckh');
  for (let n = 1; n <= count; n += 1) receive(inbox, notice(n, n === 1 ? ['appraiser'] : null), at(n));
  return inbox;
};

describe('receiving', () => {
  test('a notice delivered again (an activity retry) is kept once; ids follow arrival', () => {
    const inbox = emptyInbox('tckh');
    expect(receive(inbox, notice(1), at(1))).toBe(true);
    expect(receive(inbox, notice(1), at(2))).toBe(false);
    expect(receive(inbox, notice(2), at(3))).toBe(true);
    expect(inbox.notifications.map((n) => [n.id, n.at])).toEqual([[1, at(1)], [2, at(3)]]);
  });
  test('past the limit the oldest give way', () => {
    const inbox = inboxWith(MAX_KEPT + 2);
    expect(inbox.notifications).toHaveLength(MAX_KEPT);
    expect(inbox.notifications[0]!.id).toBe(3);
  });
});

describe('reading', () => {
  test('every member reads every notification, with the roles it was addressed to, newest first; nobody else reads any', () => {
    const inbox = inboxWith(3);
    const staff = page(inbox, person('ha-tckh'), { unreadOnly: false, limit: 10 });
    expect(staff.items.map((n) => n.id)).toEqual([3, 2, 1]);
    expect(staff.items[2]).toMatchObject({ roles: ['appraiser'], read: false, link: '/budgets/DT-2024-TEST0001' });
    expect(page(inbox, person('quan-bchqs'), { unreadOnly: false, limit: 10 })).toEqual({ items: [], unreadCount: 0, nextBefore: null });
    expect(find(inbox, person('quan-bchqs'), 1)).toBeNull();
    expect(find(inbox, person('hoa-tckh'), 1)?.subject).toBe('Dự toán chờ thẩm định (1)');
  });
  test('pages go back from the newest, `before` continuing where the last page ended', () => {
    const inbox = inboxWith(5);
    const first = page(inbox, person('hoa-tckh'), { unreadOnly: false, limit: 2 });
    expect([first.items.map((n) => n.id), first.nextBefore]).toEqual([[5, 4], 4]);
    const last = page(inbox, person('hoa-tckh'), { unreadOnly: false, limit: 2, before: 2 });
    expect([last.items.map((n) => n.id), last.nextBefore]).toEqual([[1], null]);
  });
});

describe('markRead', () => {
  test('only a member, only notifications the inbox has', () => {
    expect(refusalOf(() => checks.markRead(inboxWith(2), person('quan-bchqs'), { all: true })).type).toBe('Forbidden');
    expect(refusalOf(() => checks.markRead(inboxWith(2), person('hoa-tckh'), { ids: [2, 9] })).fields).toEqual([{ field: 'ids.1', message: 'không có thông báo 9' }]);
    expect(refusalOf(() => checks.markRead(inboxWith(2), person('hoa-tckh'), { ids: [] })).type).toBe('InvalidInput');
  });
  test('marks for the reader alone: the others still see them unread', () => {
    const inbox = inboxWith(3);
    expect(effects.markRead(inbox, person('hoa-tckh'), { ids: [1, 3] })).toEqual({ marked: [1, 3], unreadCount: 1 });
    expect(effects.markRead(inbox, person('hoa-tckh'), { all: true })).toEqual({ marked: [2], unreadCount: 0 });
    expect(unreadCount(inbox, person('minh-tckh'))).toBe(3);
    expect(page(inbox, person('hoa-tckh'), { unreadOnly: true, limit: 10 }).items).toEqual([]);
  });
});

describe('preferences and mail routing', () => {
  test('members choose the digest; an auditor or someone of another agency may not', () => {
    expect(refusalOf(() => checks.setPreferences(emptyInbox('lanh-dao'), person('thanh-tt'), { digest: false })).type).toBe('Forbidden');
    expect(refusalOf(() => checks.setPreferences(emptyInbox('tckh'), person('quan-bchqs'), { digest: false })).type).toBe('Forbidden');
    expect(refusalOf(() => checks.setPreferences(emptyInbox('tckh'), person('ha-tckh'), { digest: 'no' })).fields.map((f) => f.field)).toEqual(['digest']);
    const inbox = emptyInbox('tckh');
    const input = checks.setPreferences(inbox, person('ha-tckh'), { digest: false });
    expect(effects.setPreferences(inbox, person('ha-tckh'), input, at(5))).toEqual({ agency: 'tckh', extraEmails: [], digest: false, updatedAt: at(5), updatedBy: person('ha-tckh') });
  });
  test('before the office routed mail, members set the extra addresses themselves (histories of then replay so)', () => {
    const inbox = emptyInbox('tckh');
    const input = checks.setLegacyPreferences(inbox, person('ha-tckh'), { extraEmails: [' Ke-Toan@BacSon.example.vn', 'ke-toan@bacson.example.vn'], digest: true });
    expect(effects.setLegacyPreferences(inbox, person('ha-tckh'), input, at(5)).extraEmails).toEqual(['ke-toan@bacson.example.vn']);
    expect(refusalOf(() => checks.setLegacyPreferences(emptyInbox('lanh-dao'), person('thanh-tt'), { extraEmails: [], digest: true })).type).toBe('Forbidden');
  });
  test('only the office routes an agency mail; the change says what was added and removed', () => {
    expect(refusalOf(() => checks.setMailRouting(emptyInbox('tckh'), person('hoa-tckh'), { extraEmails: [] })).type).toBe('Forbidden');
    expect(refusalOf(() => checks.setMailRouting(emptyInbox('tckh'), person('lan-vp'), { extraEmails: ['not-an-address'] })).fields.map((f) => f.field)).toEqual(['extraEmails.0']);
    const inbox = emptyInbox('tckh');
    expect(effects.setMailRouting(inbox, person('lan-vp'), { extraEmails: ['a@bacson.example.vn', 'b@bacson.example.vn'] }, at(1))).toEqual({ added: ['a@bacson.example.vn', 'b@bacson.example.vn'], removed: [] });
    expect(effects.setMailRouting(inbox, person('lan-vp'), { extraEmails: ['B@bacson.example.vn', 'c@bacson.example.vn'], note: 'Đổi người theo dõi.' }, at(2))).toEqual({ added: ['c@bacson.example.vn'], removed: ['a@bacson.example.vn'] });
    expect(inbox.preferences).toMatchObject({ extraEmails: ['b@bacson.example.vn', 'c@bacson.example.vn'], mailRouting: { at: at(2), by: person('lan-vp'), outsideDomainsApproved: false, note: 'Đổi người theo dõi.' } });
  });
  test('addresses outside the configured mail domains (subdomains are inside) are named for the office to approve', () => {
    expect(inMailDomains('x@tckh.bacson.example.vn', ['bacson.example.vn'])).toBe(true);
    expect(inMailDomains('x@evilbacson.example.vn', ['bacson.example.vn'])).toBe(false);
    expect(outsideMailDomains({ extraEmails: ['a@bacson.example.vn', 'b@gmail.com'] }, ['bacson.example.vn'])).toEqual([{ field: 'body.extraEmails.1', message: expect.stringContaining('outsideDomainsApproved') }]);
  });
});
