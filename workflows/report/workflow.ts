/**
 * The district's consolidated report to the province (docs/architecture.md, "Assignments and the report to the province"). It looks at the campaign's assignments
 * until every report is accepted or the reporting deadline passes, then compiles the figures (each linked to
 * its source), has the document drafted, and waits for the leadership: approved, it goes to the province once
 * with the document attached; returned, the office edits the narrative and a new draft is made.
 */
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { Actor } from '../common/actor';
import { registerAction } from '../common/actions';
import { reportActions } from './actions';
import { lookups, MAIL_HEARTBEAT_TIMEOUT } from '../common/activities';
import { signatureLines } from '../common/capacity';
import { NoticeOutbox } from '../common/outbox';
import { caseIndex } from '../common/case-index';
import { compileReport, defaultNarrative } from './compile';
import { assignmentAcceptedSignal, getReportQuery, type ReportStart, type ReportState } from './messages';
import { recipientsOf, summarize, type ReportEvent, type ReportNotice } from './notices';
import { moveTo, opened, participantsOf } from './rules';

/** Reading the campaign's children and the budgets: many queries, so more time than a lookup. */
const reading = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: { maximumInterval: '1 minute' } });
/** Making the document: CPU-bound, quick. */
const drafting = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '1 minute' } });
/** The send to the province must go out eventually: retry without limit, backing off to every ten minutes. */
const sending = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: MAIL_HEARTBEAT_TIMEOUT,
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: ['UnknownRecipient', 'DocumentMissing'] },
});

const now = (): string => new Date(Date.now()).toISOString();
/** History events after which the waiting run hands over to a fresh one (about 250 looks). */
const MAX_WAITING_EVENTS = 2_000;

export async function consolidatedReportWorkflow(input: ReportStart): Promise<ReportState> {
  const state = opened(input, now());
  const outbox = new NoticeOutbox<ReportNotice>();
  const announce = (event: ReportEvent, by?: Actor, comments?: string): void =>
    outbox.announce({ kind: 'report', event, to: recipientsOf(event, state.parties), report: summarize(state) }, by, comments);

  const index = caseIndex();
  const publish = (): void =>
    index({
      status: state.status,
      agency: state.parties.office,
      awaiting: state.awaiting?.agency ?? null,
      // The deadline is the agencies' (to report); the leadership's approval has none, so it is never shown overdue.
      dueAt: state.status === 'collecting' ? state.dueAt : null,
      participants: participantsOf(state.parties),
      planCode: state.plan.id,
      campaignId: state.campaignId,
    });

  setHandler(getReportQuery, () => state);
  let lookNow = false;
  setHandler(assignmentAcceptedSignal, () => {
    lookNow = true;
  });
  registerAction(state, reportActions.approveReport, () => publish());
  registerAction(state, reportActions.returnDraft, (actor, i) => {
    publish();
    announce('returned', actor, i.comments);
  });
  registerAction(state, reportActions.editNarrative, () => publish());
  publish();

  const deadline = await lookups.planDeadline({ from: now(), workingDays: 1, reminderBefore: 0, dueDate: input.reportDue });
  state.dueAt = deadline.dueAt;
  publish();

  // Each assignment signals its acceptance (older ones were signalled by the API); a periodic look covers the rest.
  for (;;) {
    lookNow = false;
    const readiness = await reading.reportReadiness({ campaignId: input.campaignId });
    if (readiness.assignments > 0 && readiness.accepted === readiness.assignments) {
      state.compiledBecause = 'all_accepted';
      break;
    }
    const untilDeadline = Date.parse(deadline.dueAt) - Date.now();
    if (untilDeadline <= 0) {
      state.compiledBecause = 'deadline_passed';
      break;
    }
    await condition(() => lookNow, Math.min(untilDeadline, input.checkEveryMinutes * 60_000), { summary: 'Chờ các đơn vị báo cáo' });
    // Weeks of looks grow the history; nothing but the start time is worth carrying while nothing is compiled.
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_WAITING_EVENTS) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof consolidatedReportWorkflow>({ ...input, startedAt: state.startedAt });
    }
  }

  const gathered = await reading.gatherReportInputs({ campaignId: input.campaignId, planId: input.plan.id });
  state.report = compileReport(input.plan, gathered, { countOnce: patched('report-figures-once'), sourceDates: patched('report-source-dates') });
  state.compiledAt = now();
  state.narrative = defaultNarrative(state.report);

  /** A new draft of the document from the current narrative; the leadership is told. */
  const draft = async (by: Actor | null): Promise<void> => {
    moveTo(state, 'drafting', now());
    publish();
    const version = state.drafts.length + 1;
    const issuedAt = now();
    const document = await drafting.renderReportDocument({ state: { ...state }, draft: version, issuedAt });
    state.drafts.push({ version, at: issuedAt, by, narrative: state.narrative ?? '', number: state.number, document });
    moveTo(state, 'awaiting_approval', now());
    publish();
    announce('draft_ready', by ?? undefined);
  };
  await draft(null);

  while (state.status !== 'approved') {
    await outbox.flush();
    await condition(() => state.status === 'approved' || state.status === 'drafting' || outbox.size > 0);
    if (state.status === 'drafting') await draft(state.edits[state.edits.length - 1]?.by ?? null);
  }

  const approved = state.drafts[state.drafts.length - 1]!;
  // Approved under a recorded capacity: the document sent carries the approver's signature block, not the plan's.
  const capacity = state.approval?.by.capacity;
  if (capacity && patched('report-signed-under-authority')) {
    const issuedAt = now();
    const document = await drafting.renderReportDocument({ state: { ...state }, draft: approved.version, issuedAt });
    state.issued = { at: issuedAt, draft: approved.version, document, signature: signatureLines(capacity), signer: capacity.signer };
  }
  const delivery = await sending.sendReportToProvince({ key: `${workflowInfo().workflowId}/to-province`, state: { ...state }, draft: approved.version });
  state.sent = { at: now(), to: delivery.to, subject: delivery.subject, messageId: delivery.messageId, key: delivery.key, draft: approved.version, document: state.issued?.document ?? approved.document };
  moveTo(state, 'sent', now());
  publish();
  announce('sent');
  await outbox.flush();
  await condition(allHandlersFinished);
  return state;
}
