/**
 * The district's consolidated report to the province (docs/architecture.md, "Assignments and the report to the province"): what starts it, the inputs gathered from
 * the campaign's assignments, commune plans and budgets, the compiled figures (each linked to its source), the
 * state, and the Updates and Query the API calls. Declared once here, next to the workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ReportStatuses } from './statuses';
import { ReportFiguresSchema, AssignmentStatuses } from '../assignment/messages';
import { BudgetStatuses } from '../budget/messages';
import { ActorSchema, type Actor } from '../common/actor';
import { DocumentRefSchema } from '../common/document';
import { CommunePlanStatuses } from '../commune-plan/messages';
import { InstantSchema, IsoDateSchema, optionalText, text, SlugSchema } from '../common/schema';
import { caseKinds, workflowIdOf } from '../common/cases';
import { PartiesSchema } from '../common/agencies';

/** The states and their labels live in a file with no import, which the console reads too. */
export { ReportStatuses, reportStatusLabels, type ReportStatus } from './statuses';

const at = InstantSchema;
const slug = SlugSchema;

/** What the office sends to start the consolidated report of a campaign. */
export const StartReportBodySchema = z
  .object({
    /** The campaign (its id is its plan's id). */
    campaignId: slug,
    /**
     * Day the report is compiled at the latest (close of office hours), even with reports missing; the campaign's
     * reporting deadline when absent. A day already past compiles at once with what has been accepted.
     */
    reportDue: IsoDateSchema.optional(),
    /** Minutes between two looks at the assignments while some report is not yet accepted. */
    checkEveryMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();
export type StartReportBody = z.infer<typeof StartReportBodySchema>;

/** The issued plan as the report needs it: identification, sections of part II, signature, recipients. */
export const ReportPlanSchema = z.object({
  id: z.string(),
  /** Number and symbol as printed, e.g. "/KH-UBND". */
  reference: z.string(),
  title: z.string(),
  /** Date of issue as printed, e.g. "ngày tháng 02 năm 2024". */
  issued: z.string(),
  /** Issuing body, e.g. "UBND huyện Bắc Sơn", and its province. */
  issuer: z.object({ name: z.string(), shortName: z.string(), province: z.string() }),
  place: z.string(),
  sections: z.array(z.object({ number: z.number().int(), heading: z.string(), activities: z.array(z.string()) })),
  /** The signer's block as the plan's data gives it: form ("KT. CHỦ TỊCH"), position, name. */
  signature: z.object({ form: z.string().optional(), position: z.string(), signer: z.string() }),
  /** The documents the report rests on, as printed ("Kế hoạch số 22/KH-UBND ngày 23/01/2024 của …"); absent in reports started before. */
  basis: z.array(z.string()).optional(),
  /** "Nơi nhận" of the report, in order; the archive line names the drafting unit ("Lưu: VT, VP"). */
  recipients: z.array(z.string()).min(1),
  /** Whom the report is addressed to, as the text writes it ("Ủy ban nhân dân tỉnh Lạng Sơn"); absent in reports started before: the issuer's province. */
  above: z.string().optional(),
});
export type ReportPlan = z.infer<typeof ReportPlanSchema>;

/** The workflow's argument (the API builds it from the campaign and the plan file). */
export const ReportStartSchema = z.object({
  campaignId: z.string(),
  plan: ReportPlanSchema,
  reportDue: IsoDateSchema,
  checkEveryMinutes: z.number().int().min(1),
  startedBy: ActorSchema,
  /** Carried when the workflow continues as new while it waits for the reports. */
  startedAt: at.optional(),
  /** The leadership that approves, the office that edits, the level above it goes to; absent on reports started before: the seed's. */
  parties: PartiesSchema.optional(),
});
export type ReportStart = z.infer<typeof ReportStartSchema>;

/** Where a figure comes from: a workflow and the version of its submission that was used. */
export const SourceSchema = z.object({
  kind: z.enum(['assignment', 'budget', 'commune-plan']),
  workflowId: z.string(),
  /** Version of the report, estimate or commune plan used. */
  version: z.number().int(),
  /** When that version was sent (reports and commune plans; absent in reports compiled before). */
  at: at.optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** One assignment as read from its workflow when the report is compiled. */
export const AssignmentInputRowSchema = z.object({
  workflowId: z.string(),
  number: z.number().int(),
  agency: z.string(),
  agencyName: z.string(),
  mode: z.enum(['directed', 'requested']),
  activities: z.array(z.string()),
  /** `not_started`: the campaign has not started it (or it cannot be read). */
  status: z.enum([...AssignmentStatuses, 'not_started']),
  dueAt: at.nullable(),
  /** The accepted version: its figures, and whether it was sent after the due time. */
  accepted: z.object({ version: z.number().int(), figures: ReportFiguresSchema, submittedAt: at, late: z.boolean(), acceptedAt: at }).nullable(),
  /** Versions sent so far. */
  reports: z.number().int(),
});
export type AssignmentInputRow = z.infer<typeof AssignmentInputRowSchema>;

export const CommunePlanInputRowSchema = z.object({
  workflowId: z.string(),
  commune: z.string(),
  name: z.string(),
  status: z.enum([...CommunePlanStatuses, 'not_started']),
  dueDate: z.string().nullable(),
  /** The last submission: document number, date, when sent, lateness. */
  submission: z
    .object({ version: z.number().int(), number: z.string(), date: z.string(), signer: z.string(), at, late: z.boolean(), daysLate: z.number().int() })
    .nullable(),
});
export type CommunePlanInputRow = z.infer<typeof CommunePlanInputRowSchema>;

export const BudgetInputRowSchema = z.object({
  workflowId: z.string(),
  id: z.string(),
  agency: z.string(),
  title: z.string(),
  status: z.enum(BudgetStatuses),
  /** Version whose total is requested. */
  version: z.number().int(),
  requested: z.number().int(),
  approved: z.number().int().nullable(),
  decisionNumber: z.string().nullable(),
});
export type BudgetInputRow = z.infer<typeof BudgetInputRowSchema>;

/** Everything the report is compiled from, read at one moment. */
export const GatheredInputsSchema = z.object({
  asOf: at,
  assignments: z.array(AssignmentInputRowSchema),
  communes: z.array(CommunePlanInputRowSchema),
  budgets: z.array(BudgetInputRowSchema),
  /** Directory names of the agencies met in budgets. */
  agencyNames: z.record(z.string(), z.string()),
});
export type GatheredInputs = z.infer<typeof GatheredInputsSchema>;

/** Whether the consolidated report can be compiled: how many assignments there are, how many accepted. */
export interface Readiness {
  assignments: number;
  accepted: number;
}

export const FiguresSchema = ReportFiguresSchema;
export type Figures = z.infer<typeof FiguresSchema>;

/** The compiled report: every figure with the sources it was summed from. */
export const CompiledReportSchema = z.object({
  asOf: at,
  /** The district's totals over every accepted report (each counted once). */
  totals: FiguresSchema,
  totalSources: z.array(SourceSchema),
  /**
   * How figures meet sections. `primary`: each accepted report counts once, in the section of its assignment's
   * first activity, so the sections add up to the totals. `every` (reports compiled before): in every section
   * its activities touch, so sections overlap.
   */
  attribution: z.enum(['primary', 'every']).optional(),
  /** Per section of part II: the accepted reports of the assignments counted there. */
  sections: z.array(
    z.object({
      number: z.number().int(),
      heading: z.string(),
      agencies: z.array(z.string()),
      figures: FiguresSchema,
      sources: z.array(SourceSchema),
      /** Agencies whose assignment also carries out an activity of this section, counted in another one. */
      alsoAgencies: z.array(z.string()).optional(),
    }),
  ),
  /** Accepted reports of assignments with no activity in any section (counted in the totals only). */
  unattributed: z.object({ agencies: z.array(z.string()), figures: FiguresSchema, sources: z.array(SourceSchema) }).optional(),
  /** Per assignment of part III. */
  agencies: z.array(
    z.object({
      number: z.number().int(),
      agency: z.string(),
      name: z.string(),
      status: AssignmentInputRowSchema.shape.status,
      figures: FiguresSchema.nullable(),
      late: z.boolean(),
      source: SourceSchema.nullable(),
    }),
  ),
  communes: z.object({
    totals: z.object({ communes: z.number().int(), accepted: z.number().int(), submitted: z.number().int(), returned: z.number().int(), awaiting: z.number().int(), late: z.number().int() }),
    rows: z.array(CommunePlanInputRowSchema.extend({ source: SourceSchema.nullable() })),
  }),
  budgets: z.object({
    /** Per agency: estimates requested (latest version, withdrawn ones aside), approved, and spent per its accepted reports. */
    rows: z.array(
      z.object({
        agency: z.string(),
        name: z.string(),
        requested: z.number().int(),
        approved: z.number().int(),
        spent: z.number().int(),
        /** Spent beyond what was approved (0 when within it); absent in reports compiled before it was counted. */
        overspent: z.number().int().optional(),
        sources: z.array(SourceSchema),
      }),
    ),
    totals: z.object({ requested: z.number().int(), approved: z.number().int(), spent: z.number().int(), overspent: z.number().int().optional() }),
  }),
  /** Who reported late, who has not reported (or whose report is not accepted), which communes are late or missing. */
  lateness: z.object({
    lateAgencies: z.array(z.object({ number: z.number().int(), agency: z.string(), name: z.string(), source: SourceSchema })),
    missingAgencies: z.array(z.object({ number: z.number().int(), agency: z.string(), name: z.string(), status: AssignmentInputRowSchema.shape.status })),
    lateCommunes: z.array(z.object({ commune: z.string(), name: z.string(), daysLate: z.number().int() })),
    missingCommunes: z.array(z.object({ commune: z.string(), name: z.string(), status: CommunePlanInputRowSchema.shape.status })),
  }),
});
export type CompiledReport = z.infer<typeof CompiledReportSchema>;

export const EditNarrativeInputSchema = z
  .object({
    /** The assessment (part II of the report), paragraphs separated by blank lines. */
    narrative: text(20_000, { multiline: true }),
    /** The number given by the office's register, e.g. "35" (the symbol /BC-UBND is added). */
    number: z.string().trim().regex(/^[0-9]{1,6}$/, 'số văn bản là chữ số').optional(),
  })
  .strict();
export type EditNarrativeInput = z.infer<typeof EditNarrativeInputSchema>;

export const ApproveReportInputSchema = z.object({ comment: optionalText(4000, { multiline: true }).optional() }).strict();
export type ApproveReportInput = z.infer<typeof ApproveReportInputSchema>;

export const ReturnReportInputSchema = z.object({ comments: text(4000, { multiline: true }) }).strict();
export type ReturnReportInput = z.infer<typeof ReturnReportInputSchema>;

export const DraftSchema = z.object({
  version: z.number().int(),
  at,
  /** Who asked for it (the office's edit); null for the first draft. */
  by: ActorSchema.nullable(),
  narrative: z.string(),
  number: z.string().nullable(),
  document: DocumentRefSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

export const ReportSentSchema = z.object({
  at,
  to: z.array(z.string()),
  subject: z.string(),
  messageId: z.string(),
  /** Idempotency key of the message: it goes out once. */
  key: z.string(),
  draft: z.number().int(),
  document: DocumentRefSchema,
});

export const ReportStateSchema = z.object({
  /** The campaign's id. */
  id: z.string(),
  campaignId: z.string(),
  plan: ReportPlanSchema,
  status: z.enum(ReportStatuses),
  awaiting: z.object({ agency: z.string(), role: ActorSchema.shape.role }).nullable(),
  reportDue: z.string(),
  /** Close of office hours on the reporting deadline; null until planned. */
  dueAt: at.nullable(),
  /** Why the report was compiled: every report accepted, or the deadline passed. */
  compiledBecause: z.enum(['all_accepted', 'deadline_passed']).nullable(),
  compiledAt: at.nullable(),
  report: CompiledReportSchema.nullable(),
  narrative: z.string().nullable(),
  number: z.string().nullable(),
  drafts: z.array(DraftSchema),
  returns: z.array(z.object({ draft: z.number().int(), at, by: ActorSchema, comments: z.string() })),
  edits: z.array(z.object({ at, by: ActorSchema })),
  approval: z.object({ draft: z.number().int(), at, by: ActorSchema, comment: z.string().optional() }).nullable(),
  /**
   * The approved draft made again with its approver's signature block (the capacity they approved under), as
   * sent; absent when the approval recorded no capacity (the draft, with the plan's block, went instead).
   */
  issued: z.object({ at, draft: z.number().int(), document: DocumentRefSchema, signature: z.array(z.string()), signer: z.string() }).optional(),
  sent: ReportSentSchema.nullable(),
  startedAt: at,
  startedBy: ActorSchema,
  updatedAt: at,
  /** Who approves, who edits and who receives the report, fixed at start. */
  parties: PartiesSchema,
});
export type ReportState = z.infer<typeof ReportStateSchema>;

export const getReportQuery = defineQuery<ReportState>('getReport');
/** An agency's report was accepted: look at the assignments now rather than at the next periodic look. */
export const assignmentAcceptedSignal = defineSignal('assignmentAccepted');
export const approveReportUpdate = defineUpdate<ReportState, [Actor, ApproveReportInput]>('approveReport');
export const returnDraftUpdate = defineUpdate<ReportState, [Actor, ReturnReportInput]>('returnDraft');
export const editNarrativeUpdate = defineUpdate<ReportState, [Actor, EditNarrativeInput]>('editNarrative');

export const REPORT_WORKFLOW_TYPE = caseKinds.report.workflowType;
/** Business id (the campaign's id) → workflow id (workflows/common/cases.ts). */
export const reportWorkflowId = (campaignId: string): string => workflowIdOf('report', campaignId);
/** The symbol of a report of the district's People's Committee. */
export const REPORT_SYMBOL = 'BC-UBND';
