/**
 * Who signs for whom (Nghị định 30/2020/NĐ-CP, Điều 13 and Phụ lục I; docs/architecture.md, "Authority").
 * Two halves: what the working rules fix (the tenant's directory, `authority`: who heads, which deputy covers
 * which fields, the TL. grants) and what is decided as time goes (this deployment's authority workflow: an
 * authorisation "TUQ.", an acting head "Q.", a leader's absence and who covers it), each an audited Update with
 * its basis, kept for good. A decision's capacity (`Capacity`) is derived from both at the moment of acting and
 * recorded with the decision.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema, type Actor } from '../common/actor';
import { MatterKinds } from '../common/capacity';
import { IsoDateSchema, text, UnitCodeSchema } from '../common/schema';

export { CapacitySchema, MatterKinds } from '../common/capacity';

const userId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'mã người dùng: chữ thường, số, gạch ngang');
const MatterKindSchema = z.enum(MatterKinds);

/** The working rules' part: data of the tenant (catalog), passed to the workflow with each record. */
export const AuthorityRulesSchema = z
  .object({
    /** The collective body a head signs for with "TM." on the matters it decides collectively ("Ủy ban nhân dân"). */
    collective: z.string().min(1),
    /** The working rules these come from, cited as the basis of a deputy's and a TL. signature. */
    workingRules: z.string().min(1),
    head: z.object({ userId, title: z.string().min(1) }),
    deputies: z.array(z.object({ userId, title: z.string().min(1), fields: z.array(z.string().min(1)) })),
    /** The fields of work (lĩnh vực): their name and the agencies under them (a plan names its own field). */
    fields: z.record(z.string(), z.object({ name: z.string().min(1), agencies: z.array(UnitCodeSchema).default([]) }).strict()),
    /** Matters the collective decides (signed "TM." the collective); the others are the head's own. */
    collectiveMatters: z.array(MatterKindSchema).default([]),
    /** "TL.": a unit head whom the working rules let sign some kinds of matter for the head. */
    grants: z.array(z.object({ userId, title: z.string().min(1), matters: z.array(MatterKindSchema).min(1) })).default([]),
  })
  .strict();
export type AuthorityRules = z.infer<typeof AuthorityRulesSchema>;

/** A decision's number and date: the written basis of an authorisation or an acting assignment. */
const BasisSchema = z
  .object({
    number: text(100).describe('số, ký hiệu văn bản, ví dụ 12/QĐ-UBND'),
    date: IsoDateSchema.describe('ngày ban hành'),
  })
  .strict();

const PeriodShape = {
  validFrom: IsoDateSchema.describe('từ ngày (kể cả)'),
  validTo: IsoDateSchema.describe('đến ngày (kể cả)'),
};

/** "TUQ.": the head authorises a unit head, in writing, for some matters and a limited time. */
export const DelegationInputSchema = z
  .object({
    kind: z.literal('delegation'),
    delegate: userId.describe('người được ủy quyền'),
    matters: z.array(MatterKindSchema).min(1).describe('những việc được ủy quyền'),
    fields: z.array(z.string().min(1).max(64)).max(20).default([]).describe('chỉ trong các lĩnh vực này; để trống: mọi lĩnh vực'),
    ...PeriodShape,
    basis: BasisSchema,
  })
  .strict();

/** "Q.": someone given the head's powers for a time, by a decision of the level above. */
export const ActingInputSchema = z
  .object({
    kind: z.literal('acting'),
    acting: userId.describe('người được giao quyền'),
    ...PeriodShape,
    basis: BasisSchema.extend({ issuer: text(200).describe('cơ quan ban hành') }).strict(),
  })
  .strict();

/** A leader away: who covers their work meanwhile (a deputy covering the head signs "KT." for everything). */
export const AbsenceInputSchema = z
  .object({
    kind: z.literal('absence'),
    absent: userId.describe('lãnh đạo vắng mặt'),
    coveredBy: userId.describe('lãnh đạo phụ trách thay'),
    ...PeriodShape,
    reason: text(500),
  })
  .strict();

export const AuthorityInputSchema = z.discriminatedUnion('kind', [DelegationInputSchema, ActingInputSchema, AbsenceInputSchema]);
export type AuthorityInput = z.input<typeof AuthorityInputSchema>;
export type AuthorityEntry = z.output<typeof AuthorityInputSchema>;

export const EndAuthorityInputSchema = z.object({ seq: z.number().int().min(1), reason: text(500) }).strict();
export type EndAuthorityInput = z.infer<typeof EndAuthorityInputSchema>;

export const AuthorityRecordSchema = z.object({
  /** 1, 2, …: the order of recording. */
  seq: z.number().int(),
  recordedAt: z.string(),
  recordedBy: ActorSchema,
  entry: AuthorityInputSchema,
  /** Ended before its term (revoked, or the absence cut short), with who ended it and why. */
  ended: z.object({ at: z.string(), by: ActorSchema, reason: z.string() }).nullable(),
});
export type AuthorityRecord = z.infer<typeof AuthorityRecordSchema>;

export interface AuthorityWorkflowInput {
  carried?: AuthorityRecord[];
}

/** Records an authorisation, an acting assignment or an absence; the working rules as the API read them ride along. */
export const recordAuthorityUpdate = defineUpdate<AuthorityRecord, [Actor, AuthorityInput, AuthorityRules]>('recordAuthority');
export const endAuthorityUpdate = defineUpdate<AuthorityRecord, [Actor, EndAuthorityInput, AuthorityRules]>('endAuthority');
export const listAuthorityQuery = defineQuery<AuthorityRecord[]>('listAuthority');

export const AUTHORITY_WORKFLOW_TYPE = 'authorityWorkflow';
/** One per deployment, as the calendar is. */
export const authorityWorkflowId = (taskQueue: string): string => `authority:${taskQueue}`;
