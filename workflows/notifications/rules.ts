/**
 * What an inbox does with what it receives, as pure functions: keep each notice once, show each person what
 * is addressed to them, mark as read per person, and who may change the agency's preferences and its mail routing.
 */
import type { FieldProblem } from '../common/refusal';
import type { Actor } from '../common/actor';
import { parseOrRefuse, refuse, RefusalType } from '../common/refusal';
import {
  defaultPreferences,
  LegacyPreferencesInputSchema,
  MailRoutingInputSchema,
  MarkReadInputSchema,
  PreferencesInputSchema,
  type InboxCarry,
  type LegacyPreferencesInput,
  type ListNotificationsOptions,
  type MailRoutingInput,
  type MarkReadInput,
  type MarkReadResult,
  type NotificationInput,
  type NotificationPage,
  type NotificationView,
  type Preferences,
  type PreferencesInput,
  type StoredNotification,
} from './messages';

/**
 * Notifications an inbox keeps; older ones give way (their emails and their cases' histories remain).
 * Bounded so that what a run carries into the next stays far below Temporal's payload limit.
 */
export const MAX_KEPT = 500;

export function emptyInbox(agency: string): InboxCarry {
  return { nextId: 1, notifications: [], preferences: defaultPreferences(agency) };
}

/** Keeps a notice unless its key is already in the inbox (an activity retry delivers it again). Returns whether it was new. */
export function receive(inbox: InboxCarry, input: NotificationInput, at: string): boolean {
  if (inbox.notifications.some((n) => n.key === input.key)) return false;
  inbox.notifications.push({ ...input, id: inbox.nextId, at, readBy: [] });
  inbox.nextId += 1;
  if (inbox.notifications.length > MAX_KEPT) inbox.notifications.splice(0, inbox.notifications.length - MAX_KEPT);
  return true;
}

/**
 * The inbox is the agency's, as its official mailbox is on every email: each of its people reads every
 * notification (with the roles it was addressed to), and nobody else reads any.
 */
const isReader = (inbox: InboxCarry, reader: Actor): boolean => reader.agency === inbox.preferences.agency;

const view = (n: StoredNotification, reader: Actor): NotificationView => ({
  id: n.id,
  at: n.at,
  kind: n.kind,
  ...(n.event !== undefined ? { event: n.event } : {}),
  subject: n.subject,
  summary: n.summary,
  ...(n.link !== undefined ? { link: n.link } : {}),
  ...(n.workflowId !== undefined ? { workflowId: n.workflowId } : {}),
  roles: n.roles,
  read: n.readBy.includes(reader.userId),
});

const unread = (n: StoredNotification, reader: Actor): boolean => !n.readBy.includes(reader.userId);

export const unreadCount = (inbox: InboxCarry, reader: Actor): number =>
  isReader(inbox, reader) ? inbox.notifications.filter((n) => unread(n, reader)).length : 0;

export function page(inbox: InboxCarry, reader: Actor, opts: ListNotificationsOptions): NotificationPage {
  const candidates = isReader(inbox, reader)
    ? inbox.notifications.filter((n) => (opts.before === undefined || n.id < opts.before) && (!opts.unreadOnly || unread(n, reader))).reverse()
    : [];
  const items = candidates.slice(0, Math.max(opts.limit, 1));
  const last = items[items.length - 1];
  return {
    items: items.map((n) => view(n, reader)),
    unreadCount: unreadCount(inbox, reader),
    nextBefore: last && candidates.length > items.length ? last.id : null,
  };
}

export function find(inbox: InboxCarry, reader: Actor, id: number): NotificationView | null {
  const n = isReader(inbox, reader) ? inbox.notifications.find((x) => x.id === id) : undefined;
  return n ? view(n, reader) : null;
}

function requireMember(inbox: InboxCarry, actor: Actor, action: string): void {
  if (actor.agency !== inbox.preferences.agency) {
    refuse(RefusalType.Forbidden, `Người dùng ${actor.userId} không thuộc đơn vị ${inbox.preferences.agency}, không được ${action}`);
  }
}

export const checks = {
  markRead(inbox: InboxCarry, reader: Actor, input: unknown): MarkReadInput {
    requireMember(inbox, reader, 'đánh dấu thông báo');
    const parsed = parseOrRefuse(MarkReadInputSchema, input);
    if ('ids' in parsed) {
      const problems = parsed.ids.flatMap((id, i) =>
        find(inbox, reader, id) ? [] : [{ field: `ids.${i}`, message: `không có thông báo ${id}` }],
      );
      if (problems.length) refuse(RefusalType.InvalidInput, 'Không có thông báo cần đánh dấu', problems);
    }
    return parsed;
  },
  setPreferences(inbox: InboxCarry, actor: Actor, input: unknown): PreferencesInput {
    requireMember(inbox, actor, 'thay đổi tùy chọn thông báo');
    // Auditors read everything and change nothing.
    if (actor.role === 'auditor') refuse(RefusalType.Forbidden, 'Người kiểm tra chỉ được xem, không được thay đổi tùy chọn');
    return parseOrRefuse(PreferencesInputSchema, input);
  },
  /** Before patch `mail-routing-by-office`: any member but an auditor set both the digest and the extra addresses. */
  setLegacyPreferences(inbox: InboxCarry, actor: Actor, input: unknown): LegacyPreferencesInput {
    requireMember(inbox, actor, 'thay đổi tùy chọn thông báo');
    if (actor.role === 'auditor') refuse(RefusalType.Forbidden, 'Người kiểm tra chỉ được xem, không được thay đổi tùy chọn');
    return parseOrRefuse(LegacyPreferencesInputSchema, input);
  },
  /**
   * Who else reads an agency's mail is the office's to decide (its administrators), not the agency's own
   * members: extra addresses receive everything, appraisals and escalations included.
   */
  setMailRouting(_inbox: InboxCarry, actor: Actor, input: unknown): MailRoutingInput {
    if (actor.role !== 'administrator') refuse(RefusalType.Forbidden, 'Chỉ quản trị của Văn phòng được thay đổi nơi nhận thư của một đơn vị');
    return parseOrRefuse(MailRoutingInputSchema, input);
  },
};

/** A domain as compared: lower case, no trailing dot. */
const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');

/** Whether an address is in one of the domains (or a subdomain of one). */
export const inMailDomains = (email: string, domains: string[]): boolean =>
  domains.some((d) => domainOf(email) === d || domainOf(email).endsWith(`.${d}`));

/** The extra addresses outside the configured domains, as field problems of the request's body. */
export function outsideMailDomains(input: Pick<MailRoutingInput, 'extraEmails'>, domains: string[]): FieldProblem[] {
  return input.extraEmails.flatMap((email, i) =>
    inMailDomains(email, domains)
      ? []
      : [{ field: `body.extraEmails.${i}`, message: `ngoài các tên miền thư công vụ (${domains.join(', ')}); Văn phòng cần cho phép (outsideDomainsApproved)` }],
  );
}

const normalised = (emails: string[]): string[] => [...new Set(emails.map((e) => e.trim().toLowerCase()))].sort();

/** What a change of mail routing added and removed. */
export interface MailRoutingChange {
  added: string[];
  removed: string[];
}

export const effects = {
  markRead(inbox: InboxCarry, reader: Actor, input: MarkReadInput): MarkReadResult {
    const wanted = 'ids' in input ? new Set(input.ids) : null;
    const marked: number[] = [];
    for (const n of inbox.notifications) {
      if (n.readBy.includes(reader.userId)) continue;
      if (wanted && !wanted.has(n.id)) continue;
      n.readBy.push(reader.userId);
      marked.push(n.id);
    }
    return { marked, unreadCount: unreadCount(inbox, reader) };
  },
  setPreferences(inbox: InboxCarry, by: Actor, input: PreferencesInput, at: string): Preferences {
    inbox.preferences = { ...inbox.preferences, digest: input.digest, updatedAt: at, updatedBy: by };
    return inbox.preferences;
  },
  setLegacyPreferences(inbox: InboxCarry, by: Actor, input: LegacyPreferencesInput, at: string): Preferences {
    inbox.preferences = { agency: inbox.preferences.agency, extraEmails: normalised(input.extraEmails), digest: input.digest, updatedAt: at, updatedBy: by };
    return inbox.preferences;
  },
  setMailRouting(inbox: InboxCarry, by: Actor, input: MailRoutingInput, at: string): MailRoutingChange {
    const before = inbox.preferences.extraEmails;
    const extraEmails = normalised(input.extraEmails);
    const change = { added: extraEmails.filter((e) => !before.includes(e)), removed: before.filter((e) => !extraEmails.includes(e)) };
    inbox.preferences = {
      ...inbox.preferences,
      extraEmails,
      mailRouting: { at, by, ...change, outsideDomainsApproved: input.outsideDomainsApproved ?? false, ...(input.note ? { note: input.note } : {}) },
    };
    return change;
  },
};
