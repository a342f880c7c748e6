/**
 * In-app delivery of notices: the notify activity signals (with start) each recipient agency's inbox
 * workflow, and reads the agency's preferences from it. The inbox keeps a notice once per key, so an
 * activity retry delivers nothing twice. Inboxes live on the task queue of the activity that fills them.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Role } from '../workflows/common/actor';
import type { Recipient } from '../workflows/common/notice';
import {
  defaultPreferences,
  deliverNotificationSignal,
  getPreferencesQuery,
  INBOX_WORKFLOW_TYPE,
  inboxStartMemo,
  inboxWorkflowId,
  mailRoutingOfMemo,
  type InboxInput,
  type NotificationInput,
  type Preferences,
} from '../workflows/notifications/messages';

/** Where inboxes are: a client, and the task queue (the deployment) they belong to. */
export interface InboxAccess {
  client: Client;
  taskQueue: string;
}

/**
 * The client given to the activities (the worker builds it), else the worker's own; the task queue of the
 * running activity. Only callable inside an activity.
 */
export function inboxAccess(client?: Client): InboxAccess {
  const context = Context.current();
  return { client: client ?? context.client, taskQueue: context.info.taskQueue };
}

/**
 * One notification per agency: recipients in the same agency merge, their roles united; a recipient
 * naming no role means the whole agency (null).
 */
export function inboxRecipients(recipients: Recipient[]): Array<{ agency: string; roles: Role[] | null }> {
  const byAgency = new Map<string, Set<Role> | null>();
  for (const r of recipients) {
    const known = byAgency.get(r.agency);
    if (!r.role || known === null) byAgency.set(r.agency, null);
    else byAgency.set(r.agency, new Set([...(known ?? []), r.role]));
  }
  return [...byAgency].map(([agency, roles]) => ({ agency, roles: roles ? [...roles].sort() : null }));
}

/** Cuts a text to the inbox's limit, marking the cut, so a long text shortens the notification rather than losing it. */
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The notification of a notice, from its rendered email: subject, first paragraph, link. */
export function notificationOf(
  notice: { key: string; kind: string; event: string },
  rendered: { subject: string; summary?: string | undefined; link?: string | undefined },
  roles: Role[] | null,
  workflowId?: string,
): NotificationInput {
  return {
    key: notice.key,
    kind: notice.kind,
    event: notice.event,
    subject: clip(rendered.subject, 300),
    summary: clip(rendered.summary ?? rendered.subject, 1000),
    ...(rendered.link && rendered.link.length <= 500 ? { link: rendered.link } : {}),
    ...(workflowId ? { workflowId } : {}),
    roles,
  };
}

/** Puts a notification into an agency's inbox, starting the inbox if the agency has none yet. */
export async function deliverToInbox(access: InboxAccess, agency: string, notification: NotificationInput): Promise<void> {
  const input: InboxInput = { agency };
  await access.client.workflow.signalWithStart(INBOX_WORKFLOW_TYPE, {
    workflowId: inboxWorkflowId(access.taskQueue, agency),
    taskQueue: access.taskQueue,
    args: [input],
    memo: inboxStartMemo(),
    signal: deliverNotificationSignal,
    signalArgs: [notification],
  });
}

/** An agency's preferences; the defaults when it has no inbox yet. */
export async function preferencesOf(access: InboxAccess, agency: string): Promise<Preferences> {
  try {
    return await access.client.workflow.getHandle(inboxWorkflowId(access.taskQueue, agency)).query(getPreferencesQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return defaultPreferences(agency);
    throw err;
  }
}

/**
 * An agency's extra addresses, from its inbox's memo (a describe: the server answers without the inbox's
 * workflow task); an inbox older than the memo is asked by query.
 */
export async function extraEmailsOf(access: InboxAccess, agency: string): Promise<string[]> {
  try {
    const { memo } = await access.client.workflow.getHandle(inboxWorkflowId(access.taskQueue, agency)).describe();
    return mailRoutingOfMemo(memo) ?? (await preferencesOf(access, agency)).extraEmails;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}
