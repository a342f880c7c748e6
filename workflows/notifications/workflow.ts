/**
 * One long-running inbox per agency. The notify activity signals (with start) every notice into the inboxes
 * of its recipients; the inbox keeps each notice once (by its key), answers who has what unread, records
 * reads per person, and holds the agency's preferences. It continues as new before its history grows
 * large, carrying its notifications and preferences over, so it can run for the life of the plan.
 */
import { allHandlersFinished, condition, continueAsNew, log, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import {
  deliverNotificationSignal,
  getNotificationQuery,
  getPreferencesQuery,
  listNotificationsQuery,
  markReadUpdate,
  NotificationInputSchema,
  setPreferencesUpdate,
  type InboxInput,
  type MarkReadInput,
  type PreferencesInput,
} from './messages';
import { checks, effects, emptyInbox, find, page, receive } from './rules';

/** Events after which a run hands over to a new one (Temporal suggests it much later; a short history replays fast). */
export const DEFAULT_HISTORY_LIMIT = 2_000;

const now = (): string => new Date(Date.now()).toISOString();

export async function agencyInboxWorkflow(input: InboxInput): Promise<void> {
  const inbox = input.carried ?? emptyInbox(input.agency);
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;

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
    (actor: Actor, raw: PreferencesInput) => effects.setPreferences(inbox, actor, checks.setPreferences(inbox, actor, raw), now()),
    { validator: (actor: Actor, raw: PreferencesInput) => void checks.setPreferences(inbox, actor, raw) },
  );

  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit);
  // Updates in flight finish in this run; signals that arrive meanwhile make the server retry the hand-over with them.
  await condition(allHandlersFinished);
  await continueAsNew<typeof agencyInboxWorkflow>({ agency: input.agency, carried: inbox, ...(input.historyLimit ? { historyLimit: input.historyLimit } : {}) });
}
