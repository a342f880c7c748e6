/**
 * A deadline alarm is a timer in the workflow's history (docs/architecture.md, "Deadlines"). Its summary,
 * shown in the Temporal UI and in the audit timeline, carries the alarm's kind as structured text,
 * `<Vietnamese text> [alarm:<kind>]`, so the audit reads which alarm fired from what the workflow recorded
 * rather than guessing from the wording. Workflows record it behind the patch below; histories from before
 * it have the bare text.
 */
export const ALARM_KIND_PATCH = 'alarm-kind-in-timer-summary';

export const AlarmKinds = ['reminder', 'due', 'escalation'] as const;
/** reminder: before the deadline, to whoever must act; due: the deadline passes; escalation: the leadership is told. */
export type AlarmKind = (typeof AlarmKinds)[number];

const TAGGED = /^(.*) \[alarm:([a-z]+)\]$/s;

/** The summary of an alarm's timer: its text and its kind. */
export function alarmSummary(kind: AlarmKind, text: string): string {
  return `${text} [alarm:${kind}]`;
}

/** The kind and text of a timer summary written by `alarmSummary`; undefined for any other summary. */
export function readAlarmSummary(summary: string): { kind: AlarmKind; text: string } | undefined {
  const m = TAGGED.exec(summary);
  const kind = m?.[2] as AlarmKind | undefined;
  return m && kind && (AlarmKinds as readonly string[]).includes(kind) ? { kind, text: m[1]! } : undefined;
}
