/**
 * The authority as it stands now, for the API: the working rules of the directory and the records of the
 * deployment's authority workflow, read afresh for each decision (an authorisation revoked a second ago must
 * not be acted on). `empower` gives the actor of a decision their capacity, or refuses 403 with the reason.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Directory } from '../../catalog/directory';
import type { Plan } from '../../catalog/plan';
import type { Actor } from '../../workflows/common/actor';
import type { MatterKind } from '../../workflows/common/capacity';
import { authorityWorkflowId, listAuthorityQuery, type AuthorityRecord, type AuthorityRules } from '../../workflows/authority/messages';
import { capacityOf, type CapacityAnswer, type Matter } from '../../workflows/authority/rules';
import { HttpProblem } from '../problem';

/** Where a case's matter sits: its plan and its agency, which tell its field of work. */
export interface MatterPlace {
  plan?: string | null | undefined;
  agency?: string | null | undefined;
}

export interface AuthoritySource {
  rules: AuthorityRules | undefined;
  records(): Promise<AuthorityRecord[]>;
  /** The matter of a kind at a place: the field its plan names, its agency. */
  matterOf(kind: MatterKind, place: MatterPlace): Matter;
  /** The capacity of `actor` for a matter now, or why not; null when the tenant has no authority rules. */
  answer(actor: Actor, kind: MatterKind, place: MatterPlace): Promise<CapacityAnswer | null>;
  /** The actor with their capacity for the matter now; 403 with the reason when they have none. */
  empower(actor: Actor, kind: MatterKind, place: MatterPlace): Promise<Actor>;
}

/** Every record of a deployment, oldest first; none while nobody has recorded one. */
export async function authorityRecords(client: Client, taskQueue: string): Promise<AuthorityRecord[]> {
  try {
    return await client.workflow.getHandle(authorityWorkflowId(taskQueue)).query(listAuthorityQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}

export function authoritySource(client: Client, taskQueue: string, directory: Directory, plans: readonly Plan[]): AuthoritySource {
  const rules = directory.authority;
  const matterOf = (kind: MatterKind, place: MatterPlace): Matter => ({ kind, field: plans.find((p) => p.id === place.plan)?.field ?? null, agency: place.agency ?? null });
  const records = () => authorityRecords(client, taskQueue);
  const answer = async (actor: Actor, kind: MatterKind, place: MatterPlace): Promise<CapacityAnswer | null> =>
    rules ? capacityOf({ ...actor, title: directory.user(actor.userId)?.title }, matterOf(kind, place), new Date().toISOString(), rules, await records()) : null;
  return {
    rules,
    records,
    matterOf,
    answer,
    async empower(actor, kind, place) {
      const found = await answer(actor, kind, place);
      if (!found) return actor;
      if ('refusal' in found) throw new HttpProblem(403, found.refusal);
      return { ...actor, capacity: found.capacity };
    },
  };
}
