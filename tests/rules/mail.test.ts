/**
 * A mail delivery's rules without a server: what the mail server accepted and refused is kept per address,
 * and only the office resends (to corrected addresses or the refused ones) or dismisses a message some
 * recipients refused.
 */
import type { MailDelivery, MailDeliveryInput } from '../../workflows/mail/messages';
import { checks, dismiss, newDelivery, recordRefused, recordSent, startResend } from '../../workflows/mail/rules';
import { at, person, refusalOf } from '../support/rules';

const input: MailDeliveryInput = {
  id: 'budget-DT-2024-TEST0001-1-submitted',
  kind: 'budget',
  mail: { key: 'budget:DT-2024-TEST0001/1-submitted', to: ['hoa-tckh@bacson.example.vn', 'tckh@bacson.example.vn'], subject: 'Dự toán chờ thẩm định', text: 'Ban Chỉ huy Quân sự huyện đã gửi dự toán.' },
};
const sent = (accepted: string[], rejected: Array<{ address: string; reason: string }>) => ({ messageId: '<m@bac-son-plan>', accepted, rejected, receipt: '250 OK', sentNow: true });
/** One recipient refused, as the workflow leaves it: undelivered. */
const partlyRefused = (): MailDelivery => {
  const d = newDelivery(input, at(0));
  recordSent(d, sent(['tckh@bacson.example.vn'], [{ address: 'hoa-tckh@bacson.example.vn', reason: '550 mailbox unavailable' }]), at(1));
  d.status = 'undelivered';
  return d;
};

test('a new delivery is sending to every recipient, its Message-ID from its id', () => {
  expect(newDelivery(input, at(0))).toMatchObject({ messageId: '<budget-DT-2024-TEST0001-1-submitted@bac-son-plan>', status: 'sending', delivered: [], refused: [], events: [{ at: at(0), what: 'queued', to: input.mail.to }] });
});

test('accepted and refused recipients are kept per address; an address accepted twice is recorded once', () => {
  const d = partlyRefused();
  recordSent(d, sent(['tckh@bacson.example.vn'], []), at(2));
  expect(d.delivered).toEqual([{ address: 'tckh@bacson.example.vn', at: at(1) }]);
  expect(d.refused).toEqual([{ address: 'hoa-tckh@bacson.example.vn', at: at(1), reason: '550 mailbox unavailable' }]);
  expect(d.events.map((e) => e.what)).toEqual(['queued', 'delivered', 'refused']);
});

test('a refusal of the whole message refuses every recipient of the round with the server answer', () => {
  const d = newDelivery(input, at(0));
  recordRefused(d, input.mail.to, '554 rejected', at(1));
  expect(d.refused.map((r) => [r.address, r.reason])).toEqual(input.mail.to.map((a) => [a, '554 rejected']));
  expect(d.events[1]).toEqual({ at: at(1), what: 'refused', to: input.mail.to, reason: '554 rejected' });
});

test('only the office, only for a message with refused recipients, resends or dismisses it', () => {
  for (const action of ['resend', 'dismiss'] as const) {
    expect(refusalOf(() => checks[action](partlyRefused(), person('hoa-tckh'), {})).type).toBe('Forbidden');
    expect(refusalOf(() => checks[action](newDelivery(input, at(0)), person('lan-vp'), {})).type).toBe('Conflict');
  }
  expect(refusalOf(() => checks.resend(partlyRefused(), person('lan-vp'), { to: ['không phải địa chỉ'] })).type).toBe('InvalidInput');
});

test('a resend goes to the refused addresses, or to the corrected ones given, and clears the refusals it answers', () => {
  const d = partlyRefused();
  expect(startResend(d, person('lan-vp'), checks.resend(d, person('lan-vp'), {}), at(5))).toEqual(['hoa-tckh@bacson.example.vn']);
  expect(d).toMatchObject({ status: 'sending', refused: [] });
  const corrected = partlyRefused();
  expect(startResend(corrected, person('lan-vp'), { to: [' Hoa.TCKH@bacson.example.vn', 'hoa.tckh@bacson.example.vn'] }, at(5))).toEqual(['hoa.tckh@bacson.example.vn']);
  expect(corrected.events[corrected.events.length - 1]).toEqual({ at: at(5), what: 'resend', by: person('lan-vp'), to: ['hoa.tckh@bacson.example.vn'] });
});

test('dismissing records who gave up on which addresses, and why', () => {
  const d = partlyRefused();
  dismiss(d, person('lan-vp'), { note: 'Cán bộ đã nghỉ hưu.' }, at(6));
  expect(d.status).toBe('dismissed');
  expect(d.events[d.events.length - 1]).toEqual({ at: at(6), what: 'dismissed', by: person('lan-vp'), to: ['hoa-tckh@bacson.example.vn'], note: 'Cán bộ đã nghỉ hưu.' });
});
