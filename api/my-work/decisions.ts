/**
 * "My work" and authority: who decides each case that waits on the leadership now (the deputy of its field, the
 * head, or whoever covers them while they are away), and the leadership's cases handed to someone outside it
 * by an authorisation (TUQ.) or the working rules (TL.) — shown in their own list.
 */
import { z } from 'zod';
import type { Directory } from '../../catalog/directory';
import type { Actor } from '../../workflows/common/actor';
import type { MatterKind } from '../../workflows/common/capacity';
import { caseKinds } from '../../workflows/common/cases';
import { PendingItemSchema, type PendingItem } from '../../workflows/digest/messages';
import { capacityOf, deciderOf } from '../../workflows/authority/rules';
import type { AuthoritySource } from '../authority/source';

export const MyWorkItemSchema = PendingItemSchema.extend({
  /** Who decides it now, for a case waiting on the leadership's decision. */
  decider: z.object({ userId: z.string(), name: z.string() }).optional(),
  /** Handed to the caller from the leadership: the authority they decide it under. */
  handed: z.string().optional(),
});
export type MyWorkItem = z.infer<typeof MyWorkItemSchema>;

/** The kind of decision a case waiting on the leadership holds, by its workflow type. */
const matterKinds: Record<string, MatterKind> = {
  [caseKinds.budget.workflowType]: 'budget_decision',
  [caseKinds.report.workflowType]: 'report_approval',
  [caseKinds.communePlan.workflowType]: 'extension_decision',
};

export interface DecisionContext {
  source: AuthoritySource;
  directory: Directory;
  /** The leadership's pending cases, read only when the caller may have some handed to them. */
  leadershipWork: () => Promise<PendingItem[]>;
}

/** The items with who decides each, and the leadership's cases handed to the caller (when they list their own agency's). */
export async function withDecisions(items: PendingItem[], viewer: Actor, agency: string, ctx: DecisionContext, at: string): Promise<MyWorkItem[]> {
  const rules = ctx.source.rules;
  if (!rules) return items;
  const records = await ctx.source.records();
  const leadership = ctx.directory.parties.leadership;
  const matterOf = (item: PendingItem) => {
    const kind = matterKinds[item.workflowType];
    return kind && item.awaitingAgency === leadership ? ctx.source.matterOf(kind, { plan: item.planCode ?? null, agency: item.caseAgency ?? null }) : null;
  };
  const annotated: MyWorkItem[] = items.map((item) => {
    const matter = matterOf(item);
    if (!matter) return item;
    const userId = deciderOf(rules, records, matter, at);
    return { ...item, decider: { userId, name: ctx.directory.user(userId)?.name ?? userId } };
  });
  // Someone outside the leadership with an authorisation or a grant in force: the cases it covers are theirs too.
  const mayBeHanded =
    agency === viewer.agency &&
    agency !== leadership &&
    (rules.grants.some((g) => g.userId === viewer.userId) || records.some((r) => r.entry.kind === 'delegation' && r.entry.delegate === viewer.userId && !r.ended));
  if (!mayBeHanded) return annotated;
  const who = { ...viewer, title: ctx.directory.user(viewer.userId)?.title };
  const handed = (await ctx.leadershipWork()).flatMap((item) => {
    const matter = matterOf(item);
    const answer = matter ? capacityOf(who, matter, at, rules, records) : null;
    return answer && 'capacity' in answer ? [{ ...item, decider: { userId: viewer.userId, name: viewer.name }, handed: `${answer.capacity.form} ${answer.capacity.principalTitle}: ${answer.capacity.basis}` }] : [];
  });
  return [...annotated, ...handed];
}
