/**
 * What the timeline keeps while it reads one history, event by event: the entries so far, the case's last
 * published status, who must act and the due date, Updates accepted but not yet completed, `notify`
 * activities scheduled, timer summaries. The handlers of each event kind (timeline-events.ts) share it.
 */
import { capacityText } from '../../workflows/common/capacity';
import type { LoadedDataConverter } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow/codec-helpers';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';
import type { Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import { AwaitingAgency, CaseStatus, DueAt } from '../../workflows/common/search-attributes';
import { roleLabels, timelineKindLabels } from './labels';
import type { TimelineActor, TimelineEntry } from './timeline-entry';
import { vietnamTime, type ValueNames } from './timeline-text';

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface BuildOptions {
  converter: LoadedDataConverter;
  /** Gives agency names to actors; optional. */
  directory?: Directory;
  /** Gives plans their number and title where an input names one by its id; optional. */
  names?: ValueNames;
}

export interface Tracked {
  status: string | null;
  awaiting: string | null;
  dueAt: string | null;
}

/** The fields of an entry a handler states; the reader numbers, dates and labels it. */
export type EntryFields = Omit<TimelineEntry, 'seq' | 'eventId' | 'at' | 'time' | 'kindLabel' | 'changes' | 'recipients'> &
  Partial<Pick<TimelineEntry, 'changes' | 'recipients'>>;

export const idOf = (v: { toString(): string } | null | undefined): string => (v === null || v === undefined ? '' : v.toString());

/** A protobuf timestamp as ISO 8601; its seconds may be a Long (from the server) or a number (from a file). */
function isoOf(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string {
  const s = ts?.seconds;
  const seconds = typeof s === 'object' && s !== null && 'toNumber' in s ? (s as { toNumber(): number }).toNumber() : Number(s ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6)).toISOString();
}

export class TimelineReader {
  readonly entries: TimelineEntry[] = [];
  readonly tracked: Tracked = { status: null, awaiting: null, dueAt: null };
  workflowType = '';
  /** Last state an action returned: the "before" of the next action. */
  lastState: unknown;
  readonly pendingUpdates = new Map<string, { entry: TimelineEntry; beforeState: unknown }>();
  readonly scheduledNotices = new Map<string, { event: string; key: string }>();
  readonly timerSummaries = new Map<string, string>();

  constructor(readonly opts: BuildOptions) {}

  get converter(): LoadedDataConverter {
    return this.opts.converter;
  }

  decodeArgs(payloads: temporal.api.common.v1.IPayload[] | null | undefined): Promise<unknown[]> {
    return decodeArrayFromPayloads(this.converter, payloads ?? []);
  }

  actorOf(actor: Actor | undefined): TimelineActor | null {
    if (!actor) return null;
    const agencyName = this.opts.directory?.unit(actor.agency)?.name;
    return {
      ...actor,
      roleLabel: roleLabels[actor.role] ?? actor.role,
      ...(agencyName ? { agencyName } : {}),
      ...(actor.capacity ? { authority: capacityText(actor.capacity) } : {}),
    };
  }

  agencyText(code: string | null): string {
    return code ? (this.opts.directory?.unit(code)?.name ?? code) : '—';
  }

  /** Follows the case's status, who must act and its due date through the search attributes it publishes. */
  track(fields: temporal.api.common.v1.ISearchAttributes | null | undefined): void {
    if (!fields?.indexedFields) return;
    const sa = decodeTypedSearchAttributes(fields.indexedFields);
    const raw = fields.indexedFields;
    if (CaseStatus.name in raw) this.tracked.status = sa.get(CaseStatus) ?? null;
    if (AwaitingAgency.name in raw) this.tracked.awaiting = sa.get(AwaitingAgency) ?? null;
    if (DueAt.name in raw) this.tracked.dueAt = sa.get(DueAt)?.toISOString() ?? null;
  }

  /** Appends an entry; its fields in the order a reader scans them: when, what, who, the states, the details. */
  push(event: HistoryEvent, f: EntryFields): TimelineEntry {
    const at = isoOf(event.eventTime);
    const entry: TimelineEntry = {
      seq: this.entries.length + 1,
      eventId: idOf(event.eventId),
      at,
      time: vietnamTime(at),
      kind: f.kind,
      kindLabel: timelineKindLabels[f.kind],
      name: f.name,
      label: f.label,
      actor: f.actor,
      statusBefore: f.statusBefore,
      statusAfter: f.statusAfter,
      details: f.details,
      ...(f.input !== undefined ? { input: f.input } : {}),
      changes: f.changes ?? [],
      recipients: f.recipients ?? [],
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
      ...(f.failure !== undefined ? { failure: f.failure } : {}),
    };
    this.entries.push(entry);
    return entry;
  }
}
