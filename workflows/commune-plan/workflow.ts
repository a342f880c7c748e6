/**
 * One commune's own plan (section III.9): awaiting submission → submitted → accepted, or returned with comments
 * and resubmitted; the commune may ask the leadership for more time. Actions arrive as Updates whose validators
 * refuse what is not allowed now. The commune is reminded before its deadline and escalated after it, in
 * working days; every change is reported to the campaign as one small board row.
 */
import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
} from '@temporalio/workflow';
import type { Actor } from '../common/actor';
import { ActionTurns, registerActionInTurn, type CaseAction } from '../common/actions';
import { communePlanActions } from './actions';
import { lookups } from '../common/activities';
import { NoticeOutbox } from '../common/outbox';
import { ALARM_KIND_PATCH, alarmSummary, type AlarmKind } from '../common/alarm';
import { runStepAlarms } from '../common/alarm-loop';
import { caseIndex } from '../common/case-index';
import { workflowIdOf } from '../common/cases';
import {
  communePlanChangedSignal,
  getCommunePlanQuery,
  type CommuneDeadline,
  type CommunePlanState,
  type StartCommunePlanInput,
} from './messages';
import { recipientsOf, summarize, type CommunePlanEvent, type CommunePlanNotice } from './notices';
import { isOwing, rowOf, started } from './rules';

const { planCommuneDeadline, countWorkingDaysLate } = lookups;

const now = (): string => new Date(Date.now()).toISOString();

export async function communePlanWorkflow(input: StartCommunePlanInput): Promise<CommunePlanState> {
  const state = started(input, now());
  const campaign = getExternalWorkflowHandle(workflowIdOf('campaign', input.campaignId));
  const outbox = new NoticeOutbox<CommunePlanNotice>();
  /** Counts changes; the campaign has heard of every change up to `reported`. */
  let changes = 0;
  let reported = 0;
  /** Counts deadline changes, so the alarms are re-armed for a new deadline. */
  let deadlineVersion = 0;

  const announce = (event: CommunePlanEvent, by?: Actor, comments?: string): void =>
    outbox.announce({ kind: 'commune-plan', event, to: recipientsOf(event, state), communePlan: summarize(state) }, by, comments);

  const indexCase = caseIndex();
  /** Keeps the search attributes current (lists by status, by who must act and since when, by deadline). */
  const index = (): void => indexCase({ status: state.status, awaiting: state.awaiting?.agency ?? null, dueAt: isOwing(state) ? state.deadline.dueAt : null });

  /** After an action: index it and owe the campaign a report. */
  const publish = (): void => {
    changes += 1;
    index();
  };

  const setDeadline = (deadline: CommuneDeadline): void => {
    state.deadline = deadline;
    state.overdue = isOwing(state) && Date.now() > Date.parse(deadline.dueAt);
    deadlineVersion += 1;
  };

  setHandler(getCommunePlanQuery, () => state);

  // Some actions wait for the calendar (an activity) before they are complete, and the next must see their
  // outcome: they take turns, each re-checking its rule when its turn comes.
  const turns = new ActionTurns();
  const act = <I, R>(action: CaseAction<CommunePlanState, I, R>, after: (actor: Actor, input: I, outcome: R) => Promise<void> | void) =>
    registerActionInTurn(state, action, turns, after);

  act(communePlanActions.submitPlan, async (actor, parsed) => {
    const submission = state.submissions[state.submissions.length - 1]!;
    if (submission.late) {
      const lateness = await countWorkingDaysLate({ dueDates: [state.deadline.dueDate], at: submission.at });
      submission.daysLate = lateness.late[state.deadline.dueDate] ?? 0;
    }
    publish();
    announce('submitted', actor, submission.version > 1 ? `Gửi lại lần ${submission.version}. ${parsed.summary}` : parsed.summary);
  });
  act(communePlanActions.acceptPlan, (actor, parsed) => {
    publish();
    announce('accepted', actor, parsed.comments);
  });
  act(communePlanActions.returnPlan, async (actor, parsed) => {
    // A returned plan gets at least `resubmitDays` working days to come back.
    setDeadline(await planDeadline(state.deadline.dueDate, state.policy.resubmitDays));
    publish();
    announce('returned', actor, parsed.comments);
  });
  act(communePlanActions.requestExtension, (actor, parsed) => {
    publish();
    announce('extension_requested', actor, parsed.reason);
  });
  act(communePlanActions.grantExtension, async (actor, parsed, dueDate) => {
    setDeadline(await planDeadline(dueDate));
    publish();
    announce('extension_granted', actor, parsed.comments);
  });
  act(communePlanActions.refuseExtension, (actor, parsed) => {
    publish();
    announce('extension_refused', actor, parsed.reason);
  });

  function planDeadline(dueDate: string, atLeastWorkingDays?: number): Promise<CommuneDeadline> {
    return planCommuneDeadline({
      dueDate,
      reminderBefore: state.policy.reminderBefore,
      escalateAfter: state.policy.escalateAfter,
      now: now(),
      ...(atLeastWorkingDays ? { atLeastWorkingDays } : {}),
    });
  }

  /** Tells the campaign the latest row; one signal covers every change since the last. */
  const report = async (): Promise<void> => {
    while (reported < changes) {
      const upTo = changes;
      try {
        await campaign.signal(communePlanChangedSignal, rowOf(state, upTo));
      } catch (err) {
        // The campaign is closed (or gone): the commune plan itself goes on and stays readable.
        log.warn('campaign could not be told', { campaign: workflowIdOf('campaign', input.campaignId), error: String(err) });
      }
      reported = upTo;
    }
  };

  indexCase({
    agency: input.commune.code,
    planCode: input.plan.id,
    campaignId: input.campaignId,
    participants: [...new Set([input.commune.code, input.policy.reviewerAgency, state.parties.leadership, state.parties.office])],
  });
  index();
  announce('assigned');
  // Runs started before the patch keep the bare summaries they recorded (docs/architecture.md, "Deadlines").
  const alarmKindRecorded = patched(ALARM_KIND_PATCH);
  const summaryOf = (kind: AlarmKind): string => (alarmKindRecorded ? alarmSummary(kind, alarmText[kind]) : alarmText[kind]);

  // Handlers change the state between awaits; read it through a function so the compiler does not narrow it.
  const accepted = (): boolean => state.status === 'accepted';
  while (!accepted()) {
    const version = deadlineVersion;
    const { deadline } = state;
    const alarms = [
      ...(deadline.remindAt ? [{ at: deadline.remindAt, kind: 'reminder' as const }] : []),
      { at: deadline.dueAt, kind: 'due' as const },
      { at: deadline.escalateAt, kind: 'escalation' as const },
    ].filter((a) => Date.parse(a.at) > Date.now());
    await runStepAlarms({
      alarms,
      over: () => deadlineVersion !== version || accepted(),
      // The board first (it is read all the time), then the messages; the board also hears of a step's end.
      settle: async () => {
        await report();
        await outbox.flush();
      },
      owed: () => outbox.size > 0 || reported < changes,
      settleAtEnd: true,
      summary: (alarm) => summaryOf(alarm.kind),
      ring: (alarm) => {
        if (!isOwing(state)) return;
        if (alarm.kind === 'due') {
          // The campaign keeps its own clock: no report needed for the deadline passing.
          state.overdue = true;
          index();
        } else {
          announce(alarm.kind);
        }
      },
    });
  }

  await condition(allHandlersFinished);
  await report();
  await outbox.flush();
  return state;
}

const alarmText: Record<AlarmKind, string> = { reminder: 'Nhắc hạn gửi kế hoạch', due: 'Hết hạn gửi kế hoạch', escalation: 'Quá hạn - báo cáo' };
