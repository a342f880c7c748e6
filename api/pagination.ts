/**
 * Pages of a visibility list. Temporal's next-page token is opaque bytes that only Temporal can read: handed a
 * forged or damaged one it fails slowly (retried as an unknown error) and the API would answer 500. So the
 * token the API hands out carries a checksum, and a token without a valid one is refused (400) before it
 * reaches Temporal. The checksum is no secret and no protection against a deliberate forger, who only earns a
 * 400 of their own; it keeps mistakes and fuzzers from costing anyone else anything.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { AwaitingAgency, CampaignId, CaseAgency, CaseStatus, DueAt } from '../workflows/common/search-attributes';
import { z } from 'zod';
import { HttpProblem, isTemporalUnavailable } from './problem';

/** `?pageToken=` as the list routes accept it: what a previous page returned as `nextPageToken`. */
export const PageTokenSchema = z
  .string()
  .max(2000)
  .regex(/^[A-Za-z0-9_-]{13,}$/, 'mã trang không hợp lệ')
  .describe('giá trị nextPageToken của trang trước');

const checksumOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64url').slice(0, 12);

const refused = () => new HttpProblem(400, 'pageToken không hợp lệ', [{ field: 'query.pageToken', message: 'không hợp lệ' }]);

/** Temporal's token → the one handed to clients; `null` when there is no next page. */
export function encodePageToken(token: Uint8Array | null | undefined): string | null {
  if (!token?.length) return null;
  // base64url of the token, then 12 characters of checksum: still one base64url word.
  return `${Buffer.from(token).toString('base64url')}${checksumOf(token)}`;
}

/** A client's token → Temporal's; 400 when it is not one the API handed out. */
export function decodePageToken(token: string | undefined): Uint8Array | undefined {
  if (token === undefined || token === '') return undefined;
  const data = token.slice(0, -12);
  const checksum = token.slice(-12);
  if (!data || !/^[A-Za-z0-9_-]+$/.test(token)) throw refused();
  const bytes = Buffer.from(data, 'base64url');
  if (!bytes.length || checksumOf(bytes) !== checksum) throw refused();
  return bytes;
}

/** One page of workflows matching a visibility query, with the next page's token in the API's form. */
export async function listWorkflowPage(
  client: Client,
  opts: { query: string; pageSize: number; pageToken?: string | undefined },
): Promise<{ executions: temporal.api.workflow.v1.IWorkflowExecutionInfo[]; nextPageToken: string | null }> {
  const nextPageToken = decodePageToken(opts.pageToken);
  try {
    const page = await client.workflowService.listWorkflowExecutions({
      namespace: client.options.namespace,
      query: opts.query,
      pageSize: opts.pageSize,
      nextPageToken,
    });
    return { executions: page.executions ?? [], nextPageToken: encodePageToken(page.nextPageToken) };
  } catch (err) {
    // A token that passed the checksum yet is refused: Temporal's answer to it, not the service's fault.
    if (nextPageToken && !isTemporalUnavailable(err)) throw refused();
    throw err;
  }
}

/** What the index says of one case: the search attributes every workflow type sets, and its times. */
export interface IndexedCase {
  workflowId: string;
  title?: string;
  status?: string;
  agency?: string;
  campaignId?: string;
  awaiting: string | null;
  dueAt: string | null;
  startedAt: string;
  closedAt: string | null;
}

const isoOfSeconds = (seconds: unknown): string => new Date(Number(seconds ?? 0) * 1000).toISOString();

export function indexedCase(e: temporal.api.workflow.v1.IWorkflowExecutionInfo): IndexedCase {
  const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
  const titleData = e.memo?.fields?.title?.data;
  const title = titleData ? (JSON.parse(Buffer.from(titleData).toString('utf8')) as string) : undefined;
  const dueAt = sa.get(DueAt);
  return {
    workflowId: e.execution?.workflowId ?? '',
    ...(title ? { title } : {}),
    ...(sa.get(CaseStatus) ? { status: sa.get(CaseStatus) } : {}),
    ...(sa.get(CaseAgency) ? { agency: sa.get(CaseAgency) } : {}),
    ...(sa.get(CampaignId) ? { campaignId: sa.get(CampaignId) } : {}),
    awaiting: sa.get(AwaitingAgency) ?? null,
    dueAt: dueAt ? dueAt.toISOString() : null,
    startedAt: isoOfSeconds(e.startTime?.seconds),
    closedAt: e.closeTime?.seconds ? isoOfSeconds(e.closeTime.seconds) : null,
  };
}
