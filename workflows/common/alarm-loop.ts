/**
 * The deadline alarms of one step of a case (docs/architecture.md, "Deadlines"), written once for the budget,
 * the assignment and the commune plan: before waiting, what is owed goes out (notices, the board's line); then
 * the workflow sleeps until the next alarm or until something happens; an alarm that rings is handed to the
 * case, which decides what it means (a reminder, an escalation, nothing once the work is done).
 *
 * The order of what it does is the order the three loops had, so the histories they wrote keep replaying.
 */
import { condition } from '@temporalio/workflow';

export interface StepAlarms<A extends { at: string }> {
  /** The alarms still to ring, earliest first; rung ones are taken off. */
  alarms: A[];
  /** The step is over (an action moved the case on, the deadline changed, the case closed). */
  over: () => boolean;
  /** Sends what is owed (notices, the campaign's line); runs before every wait. */
  settle: () => Promise<void>;
  /** Something is owed, so `settle` must run again before the next wait. */
  owed: () => boolean;
  /**
   * Settle once more when the step is over before leaving (the commune plan tells the campaign its last change
   * before the step ends); otherwise leave at once.
   */
  settleAtEnd?: boolean;
  /** The timer's summary: what the Temporal UI and the audit show for the wait. */
  summary: (alarm: A) => string;
  /** The alarm rang. */
  ring: (alarm: A) => void;
}

/** Runs the step's alarms until the step is over. */
export async function runStepAlarms<A extends { at: string }>(step: StepAlarms<A>): Promise<void> {
  const { alarms } = step;
  const moved = (): boolean => step.over() || step.owed();
  for (;;) {
    if (!step.settleAtEnd && step.over()) return;
    await step.settle();
    if (step.over()) return;
    const alarm = alarms[0];
    if (!alarm) {
      await condition(moved);
      continue;
    }
    const wait = Math.max(Date.parse(alarm.at) - Date.now(), 0);
    const woke = wait > 0 ? await condition(moved, wait, { summary: step.summary(alarm) }) : moved();
    if (woke) continue;
    alarms.shift();
    step.ring(alarm);
  }
}
