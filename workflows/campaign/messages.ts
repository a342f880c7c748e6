/**
 * The plan campaign's contract (docs/architecture.md, "Campaign and commune plans"): what starts it (the plan snapshot, the communes, the
 * deadlines), the board it answers with, and the signal each commune plan sends it on every change.
 * Declared once here, next to the workflow; the API and the commune plans import these very objects.
 */
import { defineQuery } from '@temporalio/workflow';
import { z } from 'zod';
import { AssignmentSpecSchema } from '../assignment/messages';
import { ActorSchema } from '../common/actor';
import { PartiesSchema } from '../common/agencies';
import {
  AssignmentModeSchema,
  CommuneDeadlineSchema,
  CommunePlanPolicySchema,
  CommunePlanStatuses,
  CommuneSchema,
  PlanRefSchema,
  type CommuneRow,
} from '../commune-plan/messages';
import { InstantSchema, IsoDateSchema, SlugSchema } from '../common/schema';
import { caseKinds, workflowIdOf } from '../common/cases';

const isoDate = IsoDateSchema;
const at = InstantSchema;
const slug = SlugSchema;

/** What the office sends to start a campaign. */
export const StartCampaignBodySchema = z
  .object({
    /** The plan of catalog/plans, by its id. */
    planId: slug,
    /**
     * Day by which every commune must have sent its own plan; only for a plan with an item addressed to the
     * communes (a commune's own plan addresses its offices and organisations, no commune).
     */
    communePlanDue: isoDate.optional(),
    /** Day by which every assigned agency reports its results (for the assignment workflows). */
    reportDue: isoDate,
  })
  .strict();
export type StartCampaignBody = z.infer<typeof StartCampaignBodySchema>;

/** The issued plan as the campaign needs it: identification, signature, the assignments of section III. */
export const PlanSnapshotSchema = PlanRefSchema.extend({
  /** Date of issue as printed, e.g. "ngày tháng 02 năm 2024". */
  issued: z.string(),
  signature: z.object({ form: z.string().optional(), position: z.string(), signer: z.string() }),
});
export type PlanSnapshot = z.infer<typeof PlanSnapshotSchema>;

/**
 * How the campaign stays within Temporal's limits at province scale: children are started in batches, and the
 * campaign continues as new (carrying its board) before a run holds too many children or too long a history.
 */
export const CampaignScaleSchema = z.object({
  /** Children started per workflow task. */
  childBatchSize: z.number().int().min(1).max(500).default(100),
  /** Children started by one run; Temporal refuses more than 2,000 pending children per run. */
  childrenPerRun: z.number().int().min(1).max(1500).default(500),
  /** Continue as new past this many history events (Temporal warns at 10,240 and stops at 51,200). */
  maxHistoryEvents: z.number().int().min(500).max(40_000).default(8_000),
  /** ... or past this many history bytes (Temporal warns at 10 MB and stops at 50 MB). */
  maxHistoryBytes: z.number().int().min(100_000).max(40_000_000).default(8_000_000),
});
export type CampaignScale = z.infer<typeof CampaignScaleSchema>;

/** The most communes one campaign takes (see `communes` below). */
export const MAX_COMMUNES = 5_000;

export const CampaignSpecSchema = z.object({
  /** The campaign's id: the plan's id (one campaign per issued plan). */
  id: slug,
  plan: PlanSnapshotSchema,
  /** Section III item addressed to every commune (item 9 of the seed plan); absent when the plan has none. */
  communeAssignment: z.object({ number: z.number().int(), mode: AssignmentModeSchema, tasks: z.array(z.string()).min(1) }).optional(),
  /** Section III items addressed to one agency each: one assignment workflow apiece. */
  assignments: z.array(AssignmentSpecSchema),
  /**
   * At most 5,000: the board (about 250 bytes a commune) and this list travel as one payload when the campaign
   * continues as new, and Temporal refuses payloads over 2 MB.
   */
  communes: z.array(CommuneSchema).max(MAX_COMMUNES),
  deadlines: StartCampaignBodySchema.pick({ communePlanDue: true, reportDue: true }),
  policy: CommunePlanPolicySchema,
  scale: CampaignScaleSchema,
  startedBy: ActorSchema,
  /** The tenant's leadership and office, handed to every child; absent on campaigns started before: the seed's. */
  parties: PartiesSchema.optional(),
  /**
   * Task queue the children run on when the campaign runs on a queue of its own (CAMPAIGN_TASK_QUEUE); absent on
   * campaigns started before, whose children run on the campaign's queue.
   */
  childTaskQueue: z.string().min(1).optional(),
});
export type CampaignSpec = z.infer<typeof CampaignSpecSchema>;

/** What a run hands to the next when it continues as new: the board and how far the start has come. */
export interface CampaignProgress {
  run: number;
  startedAt: string;
  /** The campaign deadline's instants, planned once for every commune. */
  deadline: z.infer<typeof CommuneDeadlineSchema> | null;
  /** Index in `communes` of the next commune plan to start. */
  nextCommune: number;
  assignmentsStarted: boolean;
  rows: Record<string, CommuneRow>;
  /** Working days late per due date, for communes that still owe their plan, as of `latenessAsOf`. */
  lateByDueDate: Record<string, number>;
  latenessAsOf: string | null;
  /** Per commune, the escalation instant already reported to the leadership. */
  escalated: Record<string, string>;
  noticeSeq: number;
}

/** The campaign's argument: the spec as the office started it, and from the second run on, the progress. */
export interface CampaignStart {
  spec: CampaignSpec;
  progress?: CampaignProgress;
}

export const BoardEntrySchema = z.object({
  commune: z.string(),
  name: z.string(),
  status: z.enum(CommunePlanStatuses),
  dueDate: z.string(),
  /** Past the deadline while the plan is still owed. */
  overdue: z.boolean(),
  /** Working days late: so far for a plan still owed, at sending for a plan sent. */
  daysLate: z.number().int(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
  extensionPending: z.boolean(),
  /** The due date was counted over days off computed from the law (its year's schedule is not recorded yet); set by the API. */
  dueProvisional: z.boolean().optional(),
});
export type BoardEntry = z.infer<typeof BoardEntrySchema>;

export const BoardTotalsSchema = z.object({
  communes: z.number().int(),
  started: z.number().int(),
  awaiting_submission: z.number().int(),
  submitted: z.number().int(),
  returned: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  /** Plans sent after their deadline. */
  submittedLate: z.number().int(),
  extensionPending: z.number().int(),
});
export type BoardTotals = z.infer<typeof BoardTotalsSchema>;

export const BoardFilterSchema = z
  .object({
    status: z.enum(CommunePlanStatuses).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('chỉ các xã đã quá hạn (true) hoặc chưa quá hạn (false)'),
    commune: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  })
  .strict();
export type BoardFilter = z.infer<typeof BoardFilterSchema>;

/**
 * What the board query takes: the filter and, optionally, one page of communes — at most `limit` lines after
 * the commune `after` (in the plan's order). Without `limit`, every line (the report compiles from it).
 */
export type BoardRequest = BoardFilter & { limit?: number; after?: string };

/** Where we stand: per commune, totals, and who is overdue. */
export const BoardSchema = z.object({
  campaignId: z.string(),
  plan: PlanRefSchema,
  deadlines: CampaignSpecSchema.shape.deadlines,
  /** Which of the deadlines fall in a year whose schedule is not recorded yet (tạm tính); set by the API. */
  deadlinesProvisional: z.object({ communePlanDue: z.boolean(), reportDue: z.boolean() }).optional(),
  reviewerAgency: z.string(),
  status: z.enum(['starting', 'in_progress', 'completed']),
  /** Lateness is exact as of this instant (the campaign wakes whenever a count changes). */
  asOf: at,
  totals: BoardTotalsSchema,
  /** The overdue communes among the lines answered (all of them: `totals.overdue`; one page: `?overdue=true`). */
  overdue: z.array(BoardEntrySchema.pick({ commune: true, name: true, dueDate: true, daysLate: true })),
  communes: z.array(BoardEntrySchema),
  /** Where the next page begins (pass it as `pageToken`); null on the last page; absent when every line was answered. */
  nextPageToken: z.string().nullable().optional(),
  assignments: z.array(z.object({ number: z.number().int(), agency: z.string(), workflowId: z.string(), started: z.boolean() })),
  /** Runs so far (the campaign continues as new as its history grows). */
  run: z.number().int(),
  startedAt: at,
  /** When the API read this board from the campaign (it serves a read board again for a few seconds); set by the API. */
  readAt: at.optional(),
});
export type Board = z.infer<typeof BoardSchema>;

/** The commune plans report their board line with this signal (defined next to the child that sends it). */
export { communePlanChangedSignal, CommuneRowSchema, type CommuneRow } from '../commune-plan/messages';

export const getBoardQuery = defineQuery<Board, [BoardRequest?]>('getBoard');

export const CAMPAIGN_WORKFLOW_TYPE = caseKinds.campaign.workflowType;

/** Business id → workflow id (workflows/common/cases.ts). */
export const campaignWorkflowId = (id: string): string => workflowIdOf('campaign', id);
