/**
 * Custom search attributes shared by every workflow type, so the leadership can list and filter across
 * budgets, campaigns, commune plans and reports. Registered on the server by `make start` and the tests.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Current state of the case, e.g. `in_appraisal`. */
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
/** Agency (or commune) that owns the case: the submitter of an estimate, the commune of a commune plan. */
export const CaseAgency = defineSearchAttributeKey('CaseAgency', SearchAttributeType.KEYWORD);
/** Agency that must act next; empty once the case is closed. */
export const AwaitingAgency = defineSearchAttributeKey('AwaitingAgency', SearchAttributeType.KEYWORD);
/** Deadline of the current step. */
export const DueAt = defineSearchAttributeKey('DueAt', SearchAttributeType.DATETIME);
/** Every agency taking part, for access rules. */
export const Participants = defineSearchAttributeKey('Participants', SearchAttributeType.KEYWORD_LIST);
/** Plan the case belongs to (number/symbol of the issued plan). */
export const PlanCode = defineSearchAttributeKey('PlanCode', SearchAttributeType.KEYWORD);
/** Since when the case waits on AwaitingAgency ("my work" and the digest show it; the case's start time when unset). */
export const AwaitingSince = defineSearchAttributeKey('AwaitingSince', SearchAttributeType.DATETIME);

/** Campaign a commune plan belongs to (the campaign's id, which is its plan's id): lists a campaign's commune plans. */
export const CampaignId = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);

/** Where an email stands (`sending`, `delivered`, `undelivered`, `dismissed`): the office lists refused mail by it. Not a case: no CaseStatus. */
export const MailStatus = defineSearchAttributeKey('MailStatus', SearchAttributeType.KEYWORD);

/** Every custom attribute; the server registers exactly these (make start, tests, docker-compose). */
export const allSearchAttributeKeys = [CaseStatus, CaseAgency, AwaitingAgency, DueAt, Participants, PlanCode, AwaitingSince, CampaignId, MailStatus] as const;

const serverTypeName: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
};

/** Every custom attribute with its server type name, for `temporal server start-dev --search-attribute`. */
export const searchAttributeDefinitions: ReadonlyArray<{ name: string; type: string }> = allSearchAttributeKeys.map((k) => ({
  name: k.name,
  type: serverTypeName[k.type] ?? 'Keyword',
}));
