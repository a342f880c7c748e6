/**
 * A case's entry in the search-attribute index (workflows/common/search-attributes.ts), which the lists, "my
 * work", the digest and the access rules read: one writer for every kind of case. Each workflow says what it
 * indexes; an attribute it leaves out is left as it was (a commune plan writes its fixed ones once, at start).
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import { AwaitingAgency, AwaitingSince, CampaignId, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from './search-attributes';

export interface CaseIndexEntry {
  status?: string;
  /** Who owns the case. */
  agency?: string;
  /** Who must act next; null once nobody must. */
  awaiting?: string | null;
  /** Since when `awaiting` has had the case; left out, the index moves it only when the case changes hands. */
  awaitingSince?: Date | null;
  dueAt?: string | null;
  participants?: string[];
  planCode?: string | null;
  campaignId?: string | null;
}

/** The index writer of one workflow run: it remembers whom it last indexed as awaiting. */
export function caseIndex(): (entry: CaseIndexEntry) => void {
  let indexedAwaiting: string | null | undefined;
  return (entry) => {
    const pairs: SearchAttributeUpdatePair[] = [];
    if (entry.status !== undefined) pairs.push({ key: CaseStatus, value: entry.status });
    if (entry.agency !== undefined) pairs.push({ key: CaseAgency, value: entry.agency });
    if (entry.awaiting !== undefined) pairs.push({ key: AwaitingAgency, value: entry.awaiting });
    if (entry.dueAt !== undefined) pairs.push({ key: DueAt, value: entry.dueAt ? new Date(entry.dueAt) : null });
    if (entry.participants !== undefined) pairs.push({ key: Participants, value: entry.participants });
    if (entry.planCode !== undefined) pairs.push({ key: PlanCode, value: entry.planCode });
    if (entry.campaignId !== undefined) pairs.push({ key: CampaignId, value: entry.campaignId });
    if (entry.awaitingSince !== undefined) pairs.push({ key: AwaitingSince, value: entry.awaitingSince });
    else if (entry.awaiting !== undefined && entry.awaiting !== indexedAwaiting) {
      pairs.push({ key: AwaitingSince, value: entry.awaiting ? new Date(Date.now()) : null });
    }
    if (entry.awaiting !== undefined) indexedAwaiting = entry.awaiting;
    if (pairs.length) upsertSearchAttributes(pairs);
  };
}
