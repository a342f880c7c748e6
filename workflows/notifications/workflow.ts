/**
 * One long-running inbox per agency. The notify activity signals (with start) every notice into the inboxes
 * of its recipients; the inbox keeps each notice once (by its key), answers who has what unread, records
 * reads per person, and holds the agency's preferences and mail routing. When the office changes the routing,
 * the inbox tells the whole agency. It continues as new before its history grows large, carrying its
 * notifications and preferences over, so it can run for the life of the plan.
 */
import { allHandlersFinished, condition, continueAsNew, log, makeContinueAsNewFunc, patched, setHandler, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { delivery } from '../common/activities';
import {
  deliverNotificationSignal,
  getNotificationQuery,
  getPreferencesQuery,
  listNotificationsQuery,
  MAIL_ROUTING_MEMO,
  mailRoutingOfMemo,
  markReadUpdate,
  NotificationInputSchema,
  setMailRoutingUpdate,
  setPreferencesUpdate,
  type InboxInput,
  type LegacyPreferencesInput,
  type MailRoutingInput,
  type MarkReadInput,
  type PreferencesInput,
} from './messages';
import type { MailRoutingNotice } from './notices';
import { checks, effects, emptyInbox, find, page, receive } from './rules';

/** Events after which a run hands over to a new one (Temporal suggests it much later; a short history replays fast). */
export const DEFAULT_HISTORY_LIMIT = 2_000;

/** From this patch on, members set only the digest; the extra addresses are the office's (setMailRouting). */
export const MAIL_ROUTING_BY_OFFICE = 'mail-routing-by-office';

/** From this patch on, the inbox keeps its extra addresses in its memo too (see MAIL_ROUTING_MEMO). */
export const MAIL_ROUTING_IN_MEMO = 'mail-routing-in-memo';

const now = (): string => new Date(Date.now()).toISOString();

export async function agencyInboxWorkflow(input: InboxInput): Promise<void> {
  const inbox = input.carried ?? emptyInbox(input.agency);
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  /** Notices of routing changes, sent by the main loop (handlers must not wait on activities). */
  const notices: MailRoutingNotice[] = [];
  const sameAsMemo = (): boolean => {
    const kept = mailRoutingOfMemo(workflowInfo().memo);
    return !!kept && kept.length === inbox.preferences.extraEmails.length && kept.every((e, i) => e === inbox.preferences.extraEmails[i]);
  };
  const keepRoutingInMemo = (): void => {
    if (!sameAsMemo() && patched(MAIL_ROUTING_IN_MEMO)) upsertMemo({ [MAIL_ROUTING_MEMO]: inbox.preferences.extraEmails });
  };
  // An inbox started before the memo, or carrying addresses over from its last run, writes them down now.
  keepRoutingInMemo();

  setHandler(deliverNotificationSignal, (raw) => {
    // A signal cannot be refused; the notify activity is the only sender, so a malformed one is a bug to log.
    const parsed = NotificationInputSchema.safeParse(raw);
    if (!parsed.success) {
      log.error('malformed notification ignored', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      return;
    }
    receive(inbox, parsed.data, now());
  });
  setHandler(listNotificationsQuery, (reader, opts) => page(inbox, reader, opts));
  setHandler(getNotificationQuery, (reader, id) => find(inbox, reader, id));
  setHandler(getPreferencesQuery, () => inbox.preferences);
  setHandler(
    markReadUpdate,
    (reader: Actor, raw: MarkReadInput) => effects.markRead(inbox, reader, checks.markRead(inbox, reader, raw)),
    { validator: (reader: Actor, raw: MarkReadInput) => void checks.markRead(inbox, reader, raw) },
  );
  setHandler(
    setPreferencesUpdate,
    (actor: Actor, raw: PreferencesInput | LegacyPreferencesInput) =>
      patched(MAIL_ROUTING_BY_OFFICE)
        ? effects.setPreferences(inbox, actor, checks.setPreferences(inbox, actor, raw), now())
        : effects.setLegacyPreferences(inbox, actor, checks.setLegacyPreferences(inbox, actor, raw), now()),
    { validator: (actor: Actor, raw: PreferencesInput | LegacyPreferencesInput) => void checks.setPreferences(inbox, actor, raw) },
  );
  setHandler(
    setMailRoutingUpdate,
    (actor: Actor, raw: MailRoutingInput) => {
      const parsed = checks.setMailRouting(inbox, actor, raw);
      const at = now();
      const change = effects.setMailRouting(inbox, actor, parsed, at);
      keepRoutingInMemo();
      inbox.mailRoutingChanges = (inbox.mailRoutingChanges ?? 0) + 1;
      notices.push({
        kind: 'mail-routing',
        event: 'mail_routing_changed',
        // Numbered across runs (carried), so no two changes share a key.
        key: `${workflowInfo().workflowId}/mail-routing-${inbox.mailRoutingChanges}`,
        to: [{ agency: inbox.preferences.agency }],
        agency: inbox.preferences.agency,
        ...change,
        extraEmails: inbox.preferences.extraEmails,
        by: actor,
        at,
        outsideDomainsApproved: parsed.outsideDomainsApproved ?? false,
        ...(parsed.note ? { note: parsed.note } : {}),
      });
      return inbox.preferences;
    },
    { validator: (actor: Actor, raw: MailRoutingInput) => void checks.setMailRouting(inbox, actor, raw) },
  );

  const sendNotices = async (): Promise<void> => {
    while (notices.length) {
      const notice = notices.shift()!;
      try {
        await delivery.notify(notice);
      } catch (err) {
        log.error('mail routing notice could not be delivered', { key: notice.key, error: String(err) });
      }
    }
  };
  const handOver = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  for (;;) {
    await condition(() => notices.length > 0 || handOver());
    await sendNotices();
    if (!handOver()) continue;
    // Updates in flight finish in this run; signals that arrive meanwhile make the server retry the hand-over with them.
    await condition(allHandlersFinished);
    if (!notices.length) break;
  }
  const next = { agency: input.agency, carried: inbox, ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}) };
  // The next run keeps the memo (the extra addresses are read from it).
  if (patched(MAIL_ROUTING_IN_MEMO)) await makeContinueAsNewFunc<typeof agencyInboxWorkflow>({ memo: workflowInfo().memo ?? {} })(next);
  await continueAsNew<typeof agencyInboxWorkflow>(next);
}
