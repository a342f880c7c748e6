/**
 * What a delivery does with the mail server's answers, and who may act on a refused message, as pure
 * functions. The office (its administrators) answers for the mail of the service: it alone resends or
 * dismisses what the mail server refused.
 */
import type { Actor } from '../common/actor';
import { parseOrRefuse, refuse, RefusalType } from '../common/refusal';
import { DismissInputSchema, ResendInputSchema, type DismissInput, type MailDelivery, type MailDeliveryInput, type ResendInput, type SendResult } from './messages';

export function newDelivery(input: MailDeliveryInput, at: string): MailDelivery {
  return {
    id: input.id,
    key: input.mail.key,
    kind: input.kind,
    messageId: `<${input.id}@bac-son-plan>`,
    subject: input.mail.subject,
    to: [...input.mail.to],
    status: 'sending',
    delivered: [],
    refused: [],
    events: [{ at, what: 'queued', to: [...input.mail.to] }],
  };
}

/** The server accepted some recipients and may have refused others. */
export function recordSent(d: MailDelivery, result: SendResult, at: string): void {
  const accepted = result.accepted.filter((a) => !d.delivered.some((x) => x.address === a));
  d.delivered.push(...accepted.map((address) => ({ address, at })));
  d.refused.push(...result.rejected.map((r) => ({ address: r.address, at, reason: r.reason })));
  if (accepted.length) d.events.push({ at, what: 'delivered', to: accepted });
  for (const r of result.rejected) d.events.push({ at, what: 'refused', to: [r.address], reason: r.reason });
}

/** The server refused the message itself (5xx): every recipient of this round is refused, with its answer. */
export function recordRefused(d: MailDelivery, to: string[], reason: string, at: string): void {
  d.refused.push(...to.map((address) => ({ address, at, reason })));
  d.events.push({ at, what: 'refused', to, reason });
}

function requireOffice(actor: Actor, action: string): void {
  if (actor.role !== 'administrator') refuse(RefusalType.Forbidden, `Chỉ quản trị của Văn phòng được ${action}`);
}

function requireUndelivered(d: MailDelivery): void {
  if (d.status !== 'undelivered') refuse(RefusalType.Conflict, `Thư ${d.id} không có người nhận bị từ chối (trạng thái: ${d.status})`);
}

export const checks = {
  resend(d: MailDelivery, actor: Actor, input: unknown): ResendInput {
    requireOffice(actor, 'gửi lại thư');
    requireUndelivered(d);
    return parseOrRefuse(ResendInputSchema, input);
  },
  dismiss(d: MailDelivery, actor: Actor, input: unknown): DismissInput {
    requireOffice(actor, 'bỏ qua thư không gửi được');
    requireUndelivered(d);
    return parseOrRefuse(DismissInputSchema, input);
  },
};

/** The addresses a resend goes to: the corrected ones, else those refused. Clears the refusals it answers. */
export function startResend(d: MailDelivery, by: Actor, input: ResendInput, at: string): string[] {
  const to = input.to ? [...new Set(input.to.map((e) => e.trim().toLowerCase()))].sort() : d.refused.map((r) => r.address);
  d.refused = [];
  d.status = 'sending';
  d.events.push({ at, what: 'resend', by, to });
  return to;
}

export function dismiss(d: MailDelivery, by: Actor, input: DismissInput, at: string): void {
  d.status = 'dismissed';
  d.events.push({ at, what: 'dismissed', by, to: d.refused.map((r) => r.address), ...(input.note ? { note: input.note } : {}) });
}
