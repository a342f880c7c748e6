/**
 * The open estimates the list path searches through: made up front by the bare client (same workflow, task
 * queue and memo as the API's submission), with bounded concurrency.
 *
 * Each is started with a start delay, so it is open at once but its first workflow task waits on a
 * server-side timer. A submitted estimate indexes itself in that first task; these never run one, so they are
 * started with the index their first task would write (status, agency, who must act, participants). Started without one, every estimate's first steps go through the notify activity, which
 * signals and queries the appraising office's one inbox workflow: the bench measured that at about ten
 * notices a second on this machine, i.e. a quarter of an hour for ten thousand, far past the bench's budget.
 */
import type { Client } from '@temporalio/client';
import { BUDGET_WORKFLOW_TYPE } from '../workflows/budget/messages';
import { SEED_PARTIES } from '../workflows/common/agencies';
import { AwaitingAgency, CaseAgency, CaseStatus, Participants } from '../workflows/common/search-attributes';
import { actor } from './fixtures';
import { runRound } from './load';
import { awaitingQuery, newBudgetId, startOptions } from './sides';

export interface FleetResult {
  size: number;
  concurrency: number;
  startedInMs: number;
  startsPerSec: number;
  errors: number;
  /** Open estimates awaiting the agency that the server's visibility store counts once the fleet is in. */
  visibleOpen: number;
  startDelay: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createFleet(client: Client, size: number, concurrency: number, agency: string): Promise<FleetResult> {
  const by = actor('submitter');
  const startDelay = '30 days';
  const round = await runRound(Array.from({ length: size }, (_, i) => i), concurrency, () =>
    client.workflow.start(BUDGET_WORKFLOW_TYPE, {
      ...startOptions(newBudgetId(), by),
      startDelay,
      typedSearchAttributes: [
        { key: CaseStatus, value: 'in_appraisal' },
        { key: CaseAgency, value: by.agency },
        { key: AwaitingAgency, value: SEED_PARTIES.appraiser },
        { key: Participants, value: [by.agency, SEED_PARTIES.appraiser, SEED_PARTIES.leadership] },
      ],
    }),
  );
  // Visibility is written after the start returns; wait (bounded) until the list sees every one.
  const query = `${awaitingQuery(agency)} AND ExecutionStatus = 'Running'`;
  let visibleOpen = 0;
  for (let i = 0; i < 120; i++) {
    visibleOpen = (await client.workflow.count(query)).count;
    if (visibleOpen >= size) break;
    await sleep(500);
  }
  return {
    size,
    concurrency,
    startedInMs: Math.round(round.wallMs),
    startsPerSec: Math.round((round.latenciesMs.length / round.wallMs) * 1000),
    errors: round.errors,
    visibleOpen,
    startDelay,
  };
}
