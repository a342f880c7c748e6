/** The notices of the consolidated report: a draft for the leadership, a return for the office, the send to the province. */
import type { Actor } from '../common/actor';
import type { NoticeBase, Recipient } from '../common/notice';
import type { Parties } from '../common/agencies';
import type { ReportState } from './messages';
import { leadersOf, officeOf } from './rules';

export const ReportEvents = ['draft_ready', 'returned', 'sent'] as const;
export type ReportEvent = (typeof ReportEvents)[number];

/** A snapshot of the report, enough to write the message without reading anything else. */
export interface ReportSummary {
  id: string;
  planReference: string;
  planTitle: string;
  status: ReportState['status'];
  compiledBecause: ReportState['compiledBecause'];
  /** Latest draft's version. */
  draft: number;
  /** Assignments without an accepted report, communes without a plan. */
  missingAgencies: number;
  missingCommunes: number;
  /** Where the report went, once sent. */
  sentTo?: string[];
}

export interface ReportNotice extends NoticeBase {
  kind: 'report';
  event: ReportEvent;
  report: ReportSummary;
  by?: Actor;
  comments?: string;
}

export function summarize(state: ReportState): ReportSummary {
  return {
    id: state.id,
    planReference: state.plan.reference,
    planTitle: state.plan.title,
    status: state.status,
    compiledBecause: state.compiledBecause,
    draft: state.drafts[state.drafts.length - 1]?.version ?? 0,
    missingAgencies: state.report?.lateness.missingAgencies.length ?? 0,
    missingCommunes: state.report?.lateness.missingCommunes.length ?? 0,
    ...(state.sent ? { sentTo: state.sent.to } : {}),
  };
}

export function recipientsOf(event: ReportEvent, parties: Parties): Recipient[] {
  switch (event) {
    case 'draft_ready':
      return [leadersOf(parties), officeOf(parties)];
    case 'returned':
      return [officeOf(parties)];
    case 'sent':
      return [leadersOf(parties), officeOf(parties)];
  }
}
