/**
 * The inbox of one agency: every notice any workflow sends lands here as a notification, read by the
 * agency's people (read-state per person), alongside the agency's notification preferences. Declared once
 * here, next to the workflow; the notify activity and the API import these very objects.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema, RoleSchema, type Actor } from '../common/actor';
import { EmailSchema, InstantSchema, optionalText } from '../common/schema';

const at = InstantSchema;

/** What the notify activity delivers: one notice, as its recipients in this agency will read it. */
export const NotificationInputSchema = z.object({
  /** The notice's key (`<workflowId>/<seq>-<event>`): a second delivery with the same key is ignored. */
  key: z.string().min(1).max(1000),
  /** Kind of notice (`budget`, `digest`, ...) and its event. */
  kind: z.string().min(1).max(50),
  event: z.string().max(50).optional(),
  subject: z.string().min(1).max(300),
  /** The notice's first paragraph: what happened. */
  summary: z.string().max(1000),
  /** Where the case is read through the API. */
  link: z.string().max(500).optional(),
  /** The workflow the notice is about. */
  workflowId: z.string().max(1000).optional(),
  /** Roles it is addressed to within the agency, as the email is; null: everyone of the agency. */
  roles: z.array(RoleSchema).nullable(),
});
export type NotificationInput = z.infer<typeof NotificationInputSchema>;

/** A notification as kept in the inbox. */
export interface StoredNotification extends NotificationInput {
  /** Increasing number within the agency's inbox. */
  id: number;
  /** When it reached the inbox. */
  at: string;
  /** People of the agency who have read it. */
  readBy: string[];
}

/** A notification as one person of the agency sees it. */
export const NotificationViewSchema = z
  .object({
    id: z.number().int(),
    at,
    kind: z.string(),
    event: z.string().optional(),
    subject: z.string(),
    summary: z.string(),
    link: z.string().optional(),
    workflowId: z.string().optional(),
    /** Roles of the agency the email was addressed to (with the agency's mailbox); null: the whole agency. */
    roles: z.array(RoleSchema).nullable(),
    /** Whether the person reading has read it. */
    read: z.boolean(),
  });
export type NotificationView = z.infer<typeof NotificationViewSchema>;

export const NotificationPageSchema = z
  .object({
    items: z.array(NotificationViewSchema),
    /** Unread notifications of this person, in all pages. */
    unreadCount: z.number().int(),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextBefore: z.number().int().nullable(),
  });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

/** Which page of the inbox a person reads: newest first. */
export interface ListNotificationsOptions {
  unreadOnly: boolean;
  limit: number;
  /** Only notifications older than this id. */
  before?: number;
}

/** Marks some notifications (by id), or all of them, as read for the caller. */
export const MarkReadInputSchema = z.union([
  z.object({ ids: z.array(z.number().int().min(1)).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadInput = z.infer<typeof MarkReadInputSchema>;

export const MarkReadResultSchema = z
  .object({
    /** Ids that were unread and now are read. */
    marked: z.array(z.number().int()),
    unreadCount: z.number().int(),
  });
export type MarkReadResult = z.infer<typeof MarkReadResultSchema>;

/** What a member of an agency chooses for it: whether it wants the morning digest. */
export const PreferencesInputSchema = z
  .object({
    digest: z.boolean().describe('nhận bản tin công việc lúc 07:30 các ngày làm việc'),
  })
  .strict();
export type PreferencesInput = z.infer<typeof PreferencesInputSchema>;

/**
 * Preferences as members set them before mail routing became the office's (patch `mail-routing-by-office`):
 * kept only so the histories recorded then replay as they ran.
 */
export const LegacyPreferencesInputSchema = z
  .object({
    extraEmails: z.array(z.string()).max(10),
    digest: z.boolean(),
  })
  .strict();
export type LegacyPreferencesInput = z.infer<typeof LegacyPreferencesInputSchema>;

/**
 * Where an agency's mail goes besides its people and its mailbox: up to 10 more addresses that receive every
 * email to the agency. Only the office sets them; every member of the agency is told.
 */
export const MailRoutingInputSchema = z
  .object({
    extraEmails: z.array(EmailSchema).max(10, 'tối đa 10 địa chỉ'),
    outsideDomainsApproved: z.boolean().optional().describe('Văn phòng cho phép địa chỉ ngoài các tên miền thư công vụ đã cấu hình (MAIL_DOMAINS)'),
    note: optionalText(500).optional().describe('lý do thay đổi'),
  })
  .strict();
export type MailRoutingInput = z.infer<typeof MailRoutingInputSchema>;

const MailRoutingSchema = z.object({
  at,
  by: ActorSchema,
  added: z.array(z.string()),
  removed: z.array(z.string()),
  outsideDomainsApproved: z.boolean(),
  note: z.string().optional(),
});

export const PreferencesSchema = z
  .object({
    agency: z.string(),
    extraEmails: z.array(z.string()),
    digest: z.boolean(),
    updatedAt: at.nullable(),
    updatedBy: ActorSchema.nullable(),
    /** The office's last change of the extra addresses; absent while it never changed them. */
    mailRouting: MailRoutingSchema.optional(),
  });
export type Preferences = z.infer<typeof PreferencesSchema>;

/** Preferences of an agency that never set any: no extra address, digest on. */
export const defaultPreferences = (agency: string): Preferences => ({ agency, extraEmails: [], digest: true, updatedAt: null, updatedBy: null });

/** What a run hands to the next one when it continues as new. */
export interface InboxCarry {
  nextId: number;
  /** Changes of mail routing so far: numbers the notices that tell the agency (absent in runs carried before). */
  mailRoutingChanges?: number;
  notifications: StoredNotification[];
  preferences: Preferences;
}

export interface InboxInput {
  agency: string;
  carried?: InboxCarry;
  /** Continue as new once the history reaches this many events (default 2,000). */
  historyLimit?: number;
}

export const deliverNotificationSignal = defineSignal<[NotificationInput]>('deliverNotification');
export const listNotificationsQuery = defineQuery<NotificationPage, [Actor, ListNotificationsOptions]>('listNotifications');
export const getNotificationQuery = defineQuery<NotificationView | null, [Actor, number]>('getNotification');
export const getPreferencesQuery = defineQuery<Preferences>('getPreferences');
export const markReadUpdate = defineUpdate<MarkReadResult, [Actor, MarkReadInput]>('markRead');
export const setPreferencesUpdate = defineUpdate<Preferences, [Actor, PreferencesInput | LegacyPreferencesInput]>('setPreferences');
export const setMailRoutingUpdate = defineUpdate<Preferences, [Actor, MailRoutingInput]>('setMailRouting');

export const INBOX_WORKFLOW_TYPE = 'agencyInboxWorkflow';

/**
 * Agency → inbox workflow id. The task queue names the deployment, so two deployments (or two test
 * workers) sharing a namespace keep separate inboxes.
 */
/**
 * The memo under which an inbox keeps its agency's extra addresses (the office's mail routing), so the notify
 * activity reads them with a describe, which the server answers alone, instead of a query, which waits for the
 * inbox's workflow task. An inbox starts with none; one started before this memo existed has no such key.
 */
export const MAIL_ROUTING_MEMO = 'mailRouting';
export const inboxStartMemo = (): Record<string, unknown> => ({ [MAIL_ROUTING_MEMO]: [] });
export function mailRoutingOfMemo(memo: Record<string, unknown> | undefined): string[] | undefined {
  const value = memo?.[MAIL_ROUTING_MEMO];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

export const inboxWorkflowId = (taskQueue: string, agency: string): string => `inbox:${taskQueue}/${agency}`;
