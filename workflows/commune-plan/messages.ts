/**
 * A commune's own plan (section III.9: "UBND các xã, thị trấn ... xây dựng kế hoạch"): the contract of its
 * workflow — input schemas, state, the Updates and Query the API calls, and the deadline activities' shapes.
 * Declared once here, next to the workflow; the API imports these very objects.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CommunePlanStatuses, type CommunePlanStatus } from './statuses';
import { InstantSchema, IsoDateSchema, text } from '../common/schema';
import { ActorSchema, type Actor } from '../common/actor';
import { PartiesSchema } from '../common/agencies';
import { DocumentRefSchema } from '../common/document';
import { caseKinds, workflowIdOf } from '../common/cases';

/** The states and their labels live in a file with no import, which the console reads too. */
export { CommunePlanStatuses, communePlanStatusLabels, type CommunePlanStatus } from './statuses';

const isoDate = IsoDateSchema;
const at = InstantSchema;

/** The commune's plan as issued and sent to the district. */
export const SubmissionInputSchema = z
  .object({
    /** Number and symbol of the commune's plan, e.g. "15/KH-UBND". */
    number: text(50),
    /** Date the commune issued it. */
    date: isoDate,
    /** Who signed it, e.g. "Hoàng Văn A - Chủ tịch UBND xã". */
    signer: text(200),
    summary: text(4000, { multiline: true }),
    /** The signed document, as returned by POST /api/v1/documents. */
    document: DocumentRefSchema,
  })
  .strict();
export type SubmissionInput = z.infer<typeof SubmissionInputSchema>;

export const AcceptInputSchema = z.object({ comments: text(4000, { multiline: true }).optional() }).strict();
export type AcceptInput = z.infer<typeof AcceptInputSchema>;

export const ReturnInputSchema = z.object({ comments: text(4000, { multiline: true }) }).strict();
export type ReturnInput = z.infer<typeof ReturnInputSchema>;

export const ExtensionRequestInputSchema = z.object({ reason: text(2000, { multiline: true }), requestedDate: isoDate }).strict();
export type ExtensionRequestInput = z.infer<typeof ExtensionRequestInputSchema>;

export const GrantExtensionInputSchema = z
  .object({
    /** The new deadline; the requested date when absent. */
    dueDate: isoDate.optional(),
    comments: text(2000, { multiline: true }).optional(),
  })
  .strict();
export type GrantExtensionInput = z.infer<typeof GrantExtensionInputSchema>;

export const RefuseExtensionInputSchema = z.object({ reason: text(2000, { multiline: true }) }).strict();
export type RefuseExtensionInput = z.infer<typeof RefuseExtensionInputSchema>;

/** Who reviews, and the working days of reminders, escalation and resubmission. Fixed at start, so replay is stable. */
export const CommunePlanPolicySchema = z.object({
  /** Agency whose reviewers accept or return commune plans (bchqs by default). */
  reviewerAgency: z.string().regex(/^[a-z0-9-]+$/),
  /** Working days before the deadline that the reminder goes out. */
  reminderBefore: z.number().int().min(0).max(30),
  /** Working days after the deadline that the escalation goes out (0: at the deadline). */
  escalateAfter: z.number().int().min(0).max(30),
  /** Working days a returned plan has to come back, when the deadline is nearer than that. */
  resubmitDays: z.number().int().min(1).max(60),
});
export type CommunePlanPolicy = z.infer<typeof CommunePlanPolicySchema>;

/** The instants of a deadline, planned in working days by the `planCommuneDeadline` activity. */
export const CommuneDeadlineSchema = z.object({
  dueDate: isoDate,
  /** Close of office hours on the due date. */
  dueAt: at,
  /** Null when that moment had already passed when the deadline was planned. */
  remindAt: at.nullable(),
  escalateAt: at,
});
export type CommuneDeadline = z.infer<typeof CommuneDeadlineSchema>;

export interface CommuneDeadlineRequest {
  dueDate: string;
  reminderBefore: number;
  escalateAfter: number;
  now: string;
  /** The due date is at least this many working days after `now` (a returned plan's time to resubmit). */
  atLeastWorkingDays?: number;
}

export interface LatenessRequest {
  dueDates: string[];
  at: string;
}

export interface LatenessReport {
  at: string;
  /** Working days late per due date (0 while not yet past). */
  late: Record<string, number>;
  /** Start of the next working day: when the counts next change. */
  nextChangeAt: string;
}

/** The plan the commune implements, as much of it as the messages need. */
export const PlanRefSchema = z.object({
  id: z.string(),
  /** Number and symbol as printed, e.g. "/KH-UBND" while the number is blank. */
  reference: z.string(),
  title: z.string(),
});
export type PlanRef = z.infer<typeof PlanRefSchema>;

export const CommuneSchema = z.object({ code: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1) });
export type Commune = z.infer<typeof CommuneSchema>;

export const AssignmentModeSchema = z.enum(['directed', 'requested']);
export type AssignmentMode = z.infer<typeof AssignmentModeSchema>;

export const StartCommunePlanInputSchema = z.object({
  campaignId: z.string(),
  plan: PlanRefSchema,
  /** Section III item and its wording: communes are directed ("UBND các xã ..."), a requested body is asked. */
  assignment: z.object({ number: z.number().int(), mode: AssignmentModeSchema, tasks: z.array(z.string()) }),
  commune: CommuneSchema,
  deadline: CommuneDeadlineSchema,
  policy: CommunePlanPolicySchema,
  /** The tenant's leadership and office (the campaign's); absent on plans started before: the seed's. */
  parties: PartiesSchema.optional(),
});
export type StartCommunePlanInput = z.infer<typeof StartCommunePlanInputSchema>;

/** States in which the commune still owes a plan. */
export const OWING_STATUSES: readonly CommunePlanStatus[] = ['awaiting_submission', 'returned'];

export const SubmissionSchema = SubmissionInputSchema.extend({
  version: z.number().int(),
  at,
  by: ActorSchema,
  /** Sent after the deadline's close, and by how many working days. */
  late: z.boolean(),
  daysLate: z.number().int(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const ReviewSchema = z.object({
  version: z.number().int(),
  outcome: z.enum(['accepted', 'returned']),
  at,
  by: ActorSchema,
  comments: z.string().optional(),
});
export type Review = z.infer<typeof ReviewSchema>;

export const ExtensionSchema = z.object({
  no: z.number().int(),
  at,
  by: ActorSchema,
  reason: z.string(),
  requestedDate: z.string(),
  /** The deadline when the request came. */
  previousDueDate: z.string(),
  decision: z
    .object({
      outcome: z.enum(['granted', 'refused']),
      at,
      by: ActorSchema,
      dueDate: z.string().optional(),
      comments: z.string().optional(),
    })
    .nullable(),
});
export type Extension = z.infer<typeof ExtensionSchema>;

export const AwaitingSchema = z.object({ agency: z.string(), role: ActorSchema.shape.role });
export type Awaiting = z.infer<typeof AwaitingSchema>;

/** Everything there is to know about one commune's plan; returned by the query and by every action. */
export const CommunePlanStateSchema = z.object({
  /** API id: `<campaignId>.<commune>`. */
  id: z.string(),
  campaignId: z.string(),
  plan: PlanRefSchema,
  assignment: StartCommunePlanInputSchema.shape.assignment,
  commune: CommuneSchema,
  status: z.enum(CommunePlanStatuses),
  awaiting: AwaitingSchema.nullable(),
  deadline: CommuneDeadlineSchema,
  /** The deadline passed while the commune still owed its plan. */
  overdue: z.boolean(),
  submissions: z.array(SubmissionSchema),
  reviews: z.array(ReviewSchema),
  extensions: z.array(ExtensionSchema),
  startedAt: at,
  updatedAt: at,
  policy: CommunePlanPolicySchema,
  /** The leadership and office that follow the plan, fixed at start. */
  parties: PartiesSchema,
});
export type CommunePlanState = z.infer<typeof CommunePlanStateSchema>;

/** One commune's line of the board, as its commune plan reports it (small: it travels in a signal). */
export const CommuneRowSchema = z.object({
  commune: z.string(),
  /** Increases with every change the commune plan reports; an older report never overwrites a newer one. */
  seq: z.number().int(),
  status: z.enum(CommunePlanStatuses),
  dueDate: z.string(),
  dueAt: at,
  escalateAt: at,
  /** Submissions so far. */
  version: z.number().int(),
  submittedAt: at.nullable(),
  /** Of the last submission: after the deadline, and by how many working days. */
  late: z.boolean(),
  daysLate: z.number().int(),
  extensionPending: z.boolean(),
});
export type CommuneRow = z.infer<typeof CommuneRowSchema>;

/** A commune plan's report of its new state; sent by the child on every change. */
export const communePlanChangedSignal = defineSignal<[CommuneRow]>('communePlanChanged');

export const getCommunePlanQuery = defineQuery<CommunePlanState>('getCommunePlan');

export const submitPlanUpdate = defineUpdate<CommunePlanState, [Actor, SubmissionInput]>('submitPlan');
export const acceptPlanUpdate = defineUpdate<CommunePlanState, [Actor, AcceptInput]>('acceptPlan');
export const returnPlanUpdate = defineUpdate<CommunePlanState, [Actor, ReturnInput]>('returnPlan');
export const requestExtensionUpdate = defineUpdate<CommunePlanState, [Actor, ExtensionRequestInput]>('requestExtension');
export const grantExtensionUpdate = defineUpdate<CommunePlanState, [Actor, GrantExtensionInput]>('grantExtension');
export const refuseExtensionUpdate = defineUpdate<CommunePlanState, [Actor, RefuseExtensionInput]>('refuseExtension');

export const COMMUNE_PLAN_WORKFLOW_TYPE = caseKinds.communePlan.workflowType;

/** Business ids → workflow id (workflows/common/cases.ts). */
export const communePlanId = (campaignId: string, commune: string): string => `${campaignId}.${commune}`;
export const communePlanWorkflowId = (id: string): string => workflowIdOf('communePlan', id);
/** API ids are `<campaign slug>.<commune code>`: neither part contains a dot. */
export const CommunePlanIdSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9-]+$/, 'mã kế hoạch của xã có dạng <mã đợt>.<mã xã>');
