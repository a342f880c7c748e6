/**
 * The timeline of one workflow, read from its Temporal event history and nothing else: the submission that
 * started it, every accepted action (Update or signal) with its actor, input and the state before and after,
 * every reminder and escalation timer that fired, every email the `notify` activity sent, and how it ended.
 * Refused actions are not in it, as they never entered the history.
 *
 * Nothing here knows a particular workflow type: an action is any Update whose arguments are
 * `[actor, input]` and whose result is the new state; a reminder or escalation is any timer with a summary;
 * an email is any completed `notify` activity. New workflow types appear without a code change. Each event
 * kind has its handler in timeline-events.ts.
 */
import type { temporal } from '@temporalio/proto';
import type { Timeline } from './timeline-entry';
import { eventHandlers, type EventHandlers } from './timeline-events';
import { TimelineReader, type BuildOptions, type HistoryEvent } from './timeline-reader';

export * from './timeline-entry';
export { diffStates, describeInput, vietnamTime } from './timeline-text';
export type { BuildOptions } from './timeline-reader';

const handledFields = Object.keys(eventHandlers) as Array<keyof EventHandlers>;

/** Each event carries one kind of attributes: hands it to that kind's handler, if the timeline has one. */
async function read(event: HistoryEvent, reader: TimelineReader): Promise<void> {
  for (const field of handledFields) {
    const attrs = event[field];
    if (!attrs) continue;
    const handle = eventHandlers[field] as (a: NonNullable<typeof attrs>, e: HistoryEvent, r: TimelineReader) => void | Promise<void>;
    await handle(attrs, event, reader);
    return;
  }
}

/** Builds the timeline of one run from its history. */
export async function buildTimeline(history: temporal.api.history.v1.IHistory, opts: BuildOptions): Promise<Timeline> {
  const reader = new TimelineReader(opts);
  for (const event of history.events ?? []) await read(event, reader);
  return { workflowType: reader.workflowType, entries: reader.entries };
}
