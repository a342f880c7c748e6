/**
 * Authority (workflows/authority): anyone signed in reads the working rules and every record, and their own
 * capacity for a kind of matter now; the head records an authorisation (TUQ.), the office an acting head (Q.)
 * on the level above's decision, a leader or the office an absence and who covers it; each is an Update of the
 * deployment's authority workflow, kept with who recorded it. Ending one early is an Update too.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../../catalog/directory';
import {
  AUTHORITY_WORKFLOW_TYPE,
  AuthorityInputSchema,
  AuthorityRecordSchema,
  AuthorityRulesSchema,
  authorityWorkflowId,
  CapacitySchema,
  EndAuthorityInputSchema,
  endAuthorityUpdate,
  MatterKinds,
  recordAuthorityUpdate,
  type AuthorityEntry,
  type AuthorityRules,
  type AuthorityWorkflowInput,
} from '../../workflows/authority/messages';
import { fieldOf, inForce, vietnamDay } from '../../workflows/authority/rules';
import { currentActor } from '../auth';
import { API_PREFIX } from '../openapi';
import { HttpProblem } from '../problem';
import { defineRoute } from '../route';
import type { AuthoritySource } from './source';

export interface AuthorityRoutesDeps {
  client: Client;
  taskQueue: string;
  directory: Directory;
  source: AuthoritySource;
}

const BASE = `${API_PREFIX}/authority`;
const tags = ['Thẩm quyền ký'];

const AuthorityViewSchema = z.object({
  rules: AuthorityRulesSchema.nullable().describe('theo quy chế làm việc: người đứng đầu, lĩnh vực của từng cấp phó, ký thừa lệnh'),
  records: z.array(AuthorityRecordSchema.extend({ inForce: z.boolean().describe('đang có hiệu lực hôm nay') })),
  today: z.string().describe('ngày hôm nay theo giờ Việt Nam'),
});

const CapacityQuerySchema = z
  .object({
    matter: z.enum(MatterKinds),
    plan: z.string().max(100).optional(),
    agency: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
  })
  .strict();
const CapacityAnswerSchema = z.object({ capacity: CapacitySchema.nullable(), refusal: z.string().nullable(), field: z.string().nullable() });

/** The people an entry names must be in the directory: 400 naming the field otherwise. */
function requireKnownPeople(directory: Directory, entry: AuthorityEntry): void {
  const named: Array<[string, string]> =
    entry.kind === 'delegation' ? [['delegate', entry.delegate]] : entry.kind === 'acting' ? [['acting', entry.acting]] : [['absent', entry.absent], ['coveredBy', entry.coveredBy]];
  const unknown = named.filter(([, id]) => !directory.user(id));
  if (unknown.length) throw new HttpProblem(400, 'Dữ liệu không hợp lệ', unknown.map(([field, id]) => ({ field: `body.${field}`, message: `không có người dùng ${id}` })));
}

export function authorityRoutes(registry: OpenAPIRegistry, deps: AuthorityRoutesDeps): Router {
  const router = Router();
  const requireRules = (): AuthorityRules => {
    const rules = deps.source.rules;
    if (!rules) throw new HttpProblem(409, 'Danh bạ của đơn vị chưa ghi thẩm quyền ký (authority); lãnh đạo quyết định với tư cách lãnh đạo');
    return rules;
  };
  // One per call: an operation carries the handle of its own start.
  const start = () => new WithStartWorkflowOperation(AUTHORITY_WORKFLOW_TYPE, {
    workflowId: authorityWorkflowId(deps.taskQueue),
    taskQueue: deps.taskQueue,
    args: [{} satisfies AuthorityWorkflowInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });

  defineRoute(router, registry, {
    method: 'get',
    path: BASE,
    summary: 'Thẩm quyền ký: quy chế làm việc và mọi ủy quyền, giao quyền, lịch vắng mặt đã ghi',
    tags,
    responses: { 200: { description: 'Thẩm quyền', schema: AuthorityViewSchema } },
    handler: async () => {
      const today = vietnamDay(new Date().toISOString());
      const records = await deps.source.records();
      return { rules: deps.source.rules ?? null, records: records.map((r) => ({ ...r, inForce: inForce(r, today) })), today };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${BASE}/capacity`,
    summary: 'Tôi được quyết định việc này với thẩm quyền nào lúc này (hoặc vì sao không)',
    tags,
    query: CapacityQuerySchema,
    responses: { 200: { description: 'Thẩm quyền của người đang đăng nhập', schema: CapacityAnswerSchema } },
    problems: [409],
    handler: async ({ query }, _req, res) => {
      const rules = requireRules();
      const place = { plan: query.plan ?? null, agency: query.agency ?? null };
      const answer = await deps.source.answer(currentActor(res), query.matter, place);
      const field = fieldOf(rules, deps.source.matterOf(query.matter, place));
      return answer && 'capacity' in answer ? { capacity: answer.capacity, refusal: null, field } : { capacity: null, refusal: answer?.refusal ?? null, field };
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/records`,
    summary: 'Ghi một ủy quyền (TUQ., Chủ tịch), một quyết định giao quyền (Q., Văn phòng) hay một lịch vắng mặt và người phụ trách thay',
    description:
      'Ủy quyền phải bằng văn bản, có thời hạn và phạm vi, không được ủy quyền lại (Nghị định 30/2020/NĐ-CP, Điều 13); ' +
      'hai ủy quyền cùng phạm vi, hai quyết định giao quyền hay hai lịch vắng mặt của cùng người không được trùng thời gian.',
    tags,
    body: AuthorityInputSchema,
    responses: { 201: { description: 'Đã ghi', schema: AuthorityRecordSchema } },
    problems: [403, 409],
    handler: async ({ body }, _req, res) => {
      const rules = requireRules();
      requireKnownPeople(deps.directory, body);
      const recorded = await deps.client.workflow.executeUpdateWithStart(recordAuthorityUpdate, { args: [currentActor(res), body, rules], startWorkflowOperation: start() });
      res.status(201);
      return recorded;
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: `${BASE}/records/end`,
    summary: 'Kết thúc trước hạn một bản ghi: thu hồi ủy quyền (Chủ tịch), kết thúc giao quyền hay vắng mặt (Văn phòng, người vắng mặt)',
    tags,
    body: EndAuthorityInputSchema,
    responses: { 200: { description: 'Đã kết thúc', schema: AuthorityRecordSchema } },
    problems: [403, 409],
    handler: async ({ body }, _req, res) =>
      deps.client.workflow.executeUpdateWithStart(endAuthorityUpdate, { args: [currentActor(res), body, requireRules()], startWorkflowOperation: start() }),
  });

  return router;
}
