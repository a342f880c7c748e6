/**
 * The budget estimate's contract: input schemas, state, and the Updates and Query the API calls.
 * Declared once here, next to the workflow; the API imports these very objects so names and payloads
 * cannot drift.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { BudgetStatuses, type BudgetStatus } from './statuses';
import { InstantSchema, IsoDateSchema, optionalText, text } from '../common/schema';
import { ActorSchema, type Actor } from '../common/actor';
import { PartiesSchema } from '../common/agencies';
import { DongSchema, MAX_DONG } from '../common/money';
import { caseKinds, workflowIdOf } from '../common/cases';

/** The states and their labels live in a file with no import, which the console reads too. */
export { BudgetStatuses, budgetStatusLabels, type BudgetStatus } from './statuses';

const isoDate = IsoDateSchema;

/** One line of an estimate as the submitting agency writes it; the service computes the amount. */
export const LineItemInputSchema = z
  .object({
    description: text(500),
    /** The plan activity the money is for (its code or heading). */
    activity: text(200),
    quantity: z.number().int('phải là số nguyên').min(1, 'ít nhất là 1').max(1_000_000, 'tối đa 1.000.000'),
    unit: text(50),
    unitPrice: DongSchema.max(100_000_000_000, 'đơn giá tối đa 100 tỷ đồng'),
  })
  .strict();
export type LineItemInput = z.infer<typeof LineItemInputSchema>;

/** An estimate (dự toán) as submitted or resubmitted. */
export const EstimateInputSchema = z
  .object({
    title: text(300),
    /** The plan this estimate serves, e.g. its slug; optional. */
    planId: text(100).optional(),
    lines: z.array(LineItemInputSchema).min(1, 'cần ít nhất một dòng').max(200, 'tối đa 200 dòng'),
    note: optionalText(4000, { multiline: true }).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const total = e.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    if (total > MAX_DONG) ctx.addIssue({ code: 'custom', path: ['lines'], message: 'tổng dự toán vượt quá giới hạn' });
  });
export type EstimateInput = z.infer<typeof EstimateInputSchema>;

export const RequestRevisionInputSchema = z.object({ comments: text(4000, { multiline: true }) }).strict();
export type RequestRevisionInput = z.infer<typeof RequestRevisionInputSchema>;

export const AppraiseInputSchema = z
  .object({
    /** One recommended amount per line of the current version. */
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().min(1),
            recommendedAmount: DongSchema,
            comment: optionalText(1000, { multiline: true }).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    opinion: text(4000, { multiline: true }),
  })
  .strict();
export type AppraiseInput = z.infer<typeof AppraiseInputSchema>;

export const ApproveInputSchema = z
  .object({
    amount: DongSchema.min(1, 'phải lớn hơn 0'),
    /** Number and symbol of the leadership's decision, e.g. 123/QĐ-UBND. */
    decisionNumber: text(50),
    decisionDate: isoDate,
  })
  .strict();
export type ApproveInput = z.infer<typeof ApproveInputSchema>;

export const ReasonInputSchema = z.object({ reason: text(4000, { multiline: true }) }).strict();
export type ReasonInput = z.infer<typeof ReasonInputSchema>;

/** Working days each stage may take, and how early the reminder goes out. Fixed at start, so replay is stable. */
export const BudgetPolicySchema = z.object({
  appraisalDays: z.number().int().min(1).max(60),
  revisionDays: z.number().int().min(1).max(60),
  decisionDays: z.number().int().min(1).max(60),
  reminderBefore: z.number().int().min(0).max(30),
});
export type BudgetPolicy = z.infer<typeof BudgetPolicySchema>;

/** What starts the workflow: the submission itself. */
export const StartBudgetInputSchema = z.object({
  id: z.string().min(1),
  submittedBy: ActorSchema,
  estimate: EstimateInputSchema,
  policy: BudgetPolicySchema,
  /** Who appraises and who decides (the tenant's directory); absent on estimates started before: the seed's. */
  parties: PartiesSchema.optional(),
});
export type StartBudgetInput = z.infer<typeof StartBudgetInputSchema>;

export const OPEN_STATUSES: readonly BudgetStatus[] = ['in_appraisal', 'revision_requested', 'awaiting_decision'];

const at = InstantSchema;

export const LineItemSchema = LineItemInputSchema.extend({ lineNo: z.number().int(), amount: z.number().int() });
export type LineItem = z.infer<typeof LineItemSchema>;

export const EstimateVersionSchema = z.object({
  version: z.number().int(),
  submittedAt: at,
  submittedBy: ActorSchema,
  title: z.string(),
  planId: z.string().optional(),
  note: z.string().optional(),
  lines: z.array(LineItemSchema),
  total: z.number().int(),
});
export type EstimateVersion = z.infer<typeof EstimateVersionSchema>;

export const AppraisalSchema = z.object({
  version: z.number().int(),
  at,
  by: ActorSchema,
  lines: z.array(
    z.object({ lineNo: z.number().int(), requestedAmount: z.number().int(), recommendedAmount: z.number().int(), comment: z.string().optional() }),
  ),
  total: z.number().int(),
  opinion: z.string(),
});
export type Appraisal = z.infer<typeof AppraisalSchema>;

export const RevisionRequestSchema = z.object({ version: z.number().int(), at, by: ActorSchema, comments: z.string() });
export type RevisionRequest = z.infer<typeof RevisionRequestSchema>;

export const DecisionSchema = z.object({
  outcome: z.enum(['approved', 'rejected']),
  at,
  by: ActorSchema,
  amount: z.number().int().optional(),
  decisionNumber: z.string().optional(),
  decisionDate: z.string().optional(),
  reason: z.string().optional(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** A leader's return to appraisal, or a withdrawal: who, when, why. */
export const ReasonedActSchema = z.object({ at, by: ActorSchema, reason: z.string() });

/** Who must act next. */
export const AwaitingSchema = z.object({ agency: z.string(), role: ActorSchema.shape.role });
export type Awaiting = z.infer<typeof AwaitingSchema>;

/** Everything there is to know about one estimate; returned by the query and by every action. */
export const BudgetStateSchema = z.object({
  id: z.string(),
  agency: z.string(),
  status: z.enum(BudgetStatuses),
  awaiting: AwaitingSchema.nullable(),
  /** Deadline of the current step, and whether it has passed without action. */
  dueAt: at.nullable(),
  overdue: z.boolean(),
  versions: z.array(EstimateVersionSchema),
  revisionRequests: z.array(RevisionRequestSchema),
  appraisals: z.array(AppraisalSchema),
  returns: z.array(ReasonedActSchema),
  decision: DecisionSchema.nullable(),
  withdrawal: ReasonedActSchema.nullable(),
  submittedAt: at,
  updatedAt: at,
  policy: BudgetPolicySchema,
  /**
   * Who appraises: the Finance Office, or — for the Finance Office's own estimate, which it may not appraise —
   * the leadership (one leader appraises, another decides). Absent on estimates started before: the office.
   */
  appraisedBy: z.enum(['appraising_agency', 'leadership']).optional(),
  /** The units that appraise and decide this estimate, fixed when it was submitted. */
  parties: PartiesSchema,
});
export type BudgetState = z.infer<typeof BudgetStateSchema>;

export const getBudgetQuery = defineQuery<BudgetState>('getBudget');

/**
 * The answer to a submission: sent with the workflow's start (Update-with-Start), it returns the state once
 * the first step's deadline is planned, so the submitter learns the due date in one round trip. Not an action:
 * the submission itself is the start.
 */
export const submissionUpdate = defineUpdate<BudgetState, []>('submission');

export const requestRevisionUpdate = defineUpdate<BudgetState, [Actor, RequestRevisionInput]>('requestRevision');
export const resubmitUpdate = defineUpdate<BudgetState, [Actor, EstimateInput]>('resubmit');
export const appraiseUpdate = defineUpdate<BudgetState, [Actor, AppraiseInput]>('appraise');
export const approveUpdate = defineUpdate<BudgetState, [Actor, ApproveInput]>('approve');
export const returnToAppraisalUpdate = defineUpdate<BudgetState, [Actor, ReasonInput]>('returnToAppraisal');
export const rejectUpdate = defineUpdate<BudgetState, [Actor, ReasonInput]>('reject');
export const withdrawUpdate = defineUpdate<BudgetState, [Actor, ReasonInput]>('withdraw');

/** Business id → workflow id (workflows/common/cases.ts). */
export const budgetWorkflowId = (id: string): string => workflowIdOf('budget', id);
export const BUDGET_WORKFLOW_TYPE = caseKinds.budget.workflowType;
