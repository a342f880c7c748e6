/**
 * The assignment's contract: what the campaign starts it with, the agency's report, the reviewer's answers,
 * the state, and the Updates and Query the API calls. Declared once here, next to the workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { AssignmentStatuses } from './statuses';
import { InstantSchema, IsoDateSchema, optionalText, text, UnitCodeSchema } from '../common/schema';
import { ActorSchema, type Actor } from '../common/actor';
import { PartiesSchema } from '../common/agencies';
import { DocumentRefSchema } from '../common/document';
import { DongSchema } from '../common/money';
import { caseKinds, workflowIdOf } from '../common/cases';

/** The states and their labels live in a file with no import, which the console reads too. */
export { AssignmentStatuses, assignmentStatusLabels, type AssignmentStatus } from './statuses';

const isoDate = IsoDateSchema;
const code = UnitCodeSchema;
/** A count of events, people or gifts. */
const count = z.number().int('phải là số nguyên').min(0, 'không được âm').max(100_000_000, 'tối đa 100.000.000');

/** One assignment of section III of the plan, as the campaign hands it over. */
export const AssignmentSpecSchema = z.object({
  /** Item number in section III. */
  number: z.number().int().positive(),
  /** Directory code of the assigned unit. */
  agency: code,
  /** District agencies are directed ("Yêu cầu"); Party bodies and mass organisations are requested ("Đề nghị"). */
  mode: z.enum(['directed', 'requested']),
  /** As the plan says it (chủ trì, phối hợp); absent where the plan names no role. */
  role: z.enum(['lead', 'cooperating']).optional(),
  /** What is asked, as printed in the plan. */
  tasks: z.array(z.string().min(1)).min(1),
  /** Section II activities the assignment carries out (II.1.a, ...). */
  activities: z.array(z.string().min(1)),
});
export type AssignmentSpec = z.infer<typeof AssignmentSpecSchema>;

/** What starts the workflow (the campaign, one per assignment). */
export const AssignmentInputSchema = z.object({
  campaignId: z.string().min(1),
  planId: z.string().min(1),
  assignment: AssignmentSpecSchema,
  /** Last day for the report (YYYY-MM-DD); the report is due at the close of office hours that day. */
  reportDueDate: isoDate,
  /** Agency whose reviewers accept or return the report. */
  reviewerAgency: code,
  /** Working days before the due date the reminder goes out. */
  reminderBefore: z.number().int().min(0).max(30),
  /** The leadership and office of the tenant (the campaign's); absent on assignments started before: the seed's. */
  parties: PartiesSchema.optional(),
});
export type AssignmentInput = z.infer<typeof AssignmentInputSchema>;

/** The figures of a report: what the plan's activities achieved. Money in whole đồng. */
export const ReportFiguresSchema = z
  .object({
    eventsHeld: count.describe('số hoạt động, sự kiện đã tổ chức'),
    peopleReached: count.describe('số lượt người tham gia, được tuyên truyền'),
    giftsGiven: count.describe('số suất quà đã trao'),
    giftsValue: DongSchema.describe('tổng giá trị quà (đồng)'),
    moneySpent: DongSchema.describe('kinh phí đã chi (đồng)'),
  })
  .strict();
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

/** A report as the agency submits (or resubmits) it. */
export const ReportInputSchema = z
  .object({
    /** What was done, in the agency's words. */
    narrative: text(20_000, { multiline: true }),
    figures: ReportFiguresSchema,
    /** Uploaded documents attached to the report (POST /api/v1/documents first). */
    documents: z.array(DocumentRefSchema).max(20, 'tối đa 20 tài liệu').optional(),
  })
  .strict();
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const AcceptInputSchema = z.object({ comment: optionalText(4000, { multiline: true }).optional() }).strict();
export type AcceptInput = z.infer<typeof AcceptInputSchema>;

export const ReturnInputSchema = z.object({ comments: text(4000, { multiline: true }) }).strict();
export type ReturnInput = z.infer<typeof ReturnInputSchema>;

const at = InstantSchema;

/** One version of the report, kept for good: who sent it, when, and whether after the due time. */
export const ReportVersionSchema = z.object({
  version: z.number().int(),
  submittedAt: at,
  submittedBy: ActorSchema,
  narrative: z.string(),
  figures: ReportFiguresSchema,
  documents: z.array(DocumentRefSchema),
  /** Sent after the due time. */
  late: z.boolean(),
});
export type ReportVersion = z.infer<typeof ReportVersionSchema>;

export const ReturnSchema = z.object({ version: z.number().int(), at, by: ActorSchema, comments: z.string() });
export type Return = z.infer<typeof ReturnSchema>;

export const AcceptanceSchema = z.object({ version: z.number().int(), at, by: ActorSchema, comment: z.string().optional() });
export type Acceptance = z.infer<typeof AcceptanceSchema>;

/** Who must act next. */
export const AwaitingSchema = z.object({ agency: z.string(), role: ActorSchema.shape.role });
export type Awaiting = z.infer<typeof AwaitingSchema>;

/** Everything there is to know about one assignment; returned by the query and by every action. */
export const AssignmentStateSchema = z.object({
  /** `<campaignId>:<number>-<agency>`. */
  id: z.string(),
  campaignId: z.string(),
  planId: z.string(),
  assignment: AssignmentSpecSchema,
  reviewerAgency: z.string(),
  status: z.enum(AssignmentStatuses),
  awaiting: AwaitingSchema.nullable(),
  reportDueDate: z.string(),
  /** Due time of the report (close of office hours on the due date, or the next working day); null until planned. */
  dueAt: at.nullable(),
  /** The due time passed while the agency owed its report. */
  overdue: z.boolean(),
  remindedAt: at.nullable(),
  escalatedAt: at.nullable(),
  reports: z.array(ReportVersionSchema),
  returns: z.array(ReturnSchema),
  acceptance: AcceptanceSchema.nullable(),
  startedAt: at,
  updatedAt: at,
  reminderBefore: z.number().int(),
  /**
   * Whether the leadership reviews the report when the reviewing agency is the assignee itself. Set at start
   * (patch `leadership-reviews-own-agency-report`), so assignments started before keep their reviewer on replay.
   */
  leadershipReviewsOwnAgency: z.boolean().optional(),
  /** The leadership and office that follow the assignment, fixed at start. */
  parties: PartiesSchema,
});
export type AssignmentState = z.infer<typeof AssignmentStateSchema>;

export const getAssignmentQuery = defineQuery<AssignmentState>('getAssignment');

export const submitReportUpdate = defineUpdate<AssignmentState, [Actor, ReportInput]>('submitReport');
export const acceptReportUpdate = defineUpdate<AssignmentState, [Actor, AcceptInput]>('acceptReport');
export const returnReportUpdate = defineUpdate<AssignmentState, [Actor, ReturnInput]>('returnReport');

/** The business id of an assignment within its campaign: `<campaignId>:<number>-<agency>`. */
export const assignmentId = (campaignId: string, number: number, agency: string): string => `${campaignId}:${number}-${agency}`;
/** Business id → workflow id (workflows/common/cases.ts). */
export const assignmentWorkflowId = (campaignId: string, number: number, agency: string): string =>
  workflowIdOf('assignment', assignmentId(campaignId, number, agency));
export const ASSIGNMENT_WORKFLOW_TYPE = caseKinds.assignment.workflowType;
