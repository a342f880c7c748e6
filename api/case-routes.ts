/**
 * The routes every kind of case has, declared once: its list (scoped to what the caller may read), one case,
 * its documents, what the caller may do now, and one `POST` per action of the process's list
 * (workflows/<process>/actions.ts), each a Temporal Update whose validator has the last word. A kind gives its
 * names, its access rule (api/access.ts) and what only it knows (a list's filters, where its files are, checks
 * against the API's own stores); the OpenAPI entries follow from the same declarations.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { DocumentStore } from '../activities/document-store';
import type { CaseAction } from '../workflows/common/actions';
import type { Actor } from '../workflows/common/actor';
import { API_PREFIX, businessIdOf, caseKinds, workflowIdOf, type CaseKindName } from '../workflows/common/cases';
import type { DocumentRef } from '../workflows/common/document';
import type { CaseAccess } from './access';
import type { AuthoritySource, MatterPlace } from './authority/source';
import { runAction } from './actions';
import { allowedActionsOf, allowedActionsSchema } from './allowed-actions';
import { currentActor } from './auth';
import { sendDocument } from './documents/download';
import { indexedCase, listWorkflowPage, type IndexedCase } from './pagination';
import { HttpProblem, NOT_FOUND } from './problem';
import { defineRoute } from './route';
import { quoteValue as quote } from '../workflows/common/visibility-query';

/** The page size and token every list takes. */
export const PageQueryShape = {
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  pageToken: z.string().max(2000).optional(),
};

/** A list's query: its filters and a page. */
type ListQuery = z.ZodObject<typeof PageQueryShape & z.ZodRawShape>;

export interface CaseListSpec<Q extends ListQuery> {
  summary: string;
  description?: string;
  /** The filters, with `PageQueryShape`. */
  query: Q;
  /** One line of the answer. */
  item: z.ZodObject;
  /** The visibility clauses of the filters asked for. */
  filters: (query: z.infer<Q>) => string[];
  /** One line from what visibility holds of a case. */
  itemOf: (indexed: IndexedCase) => Record<string, unknown>;
}

export interface CaseDocumentSpec<S, P extends z.ZodObject, Q extends z.ZodObject> {
  /** Below the case's own path, e.g. `/document`. */
  path: string;
  summary: string;
  description: string;
  params?: P;
  query?: Q;
  /** The file asked for, or why there is none (404). */
  find: (state: S, input: { params: z.infer<P>; query: z.infer<Q> }) => { ref: DocumentRef | undefined; missing: string };
  /** What to answer when the store no longer holds the file; `missing` when absent. */
  gone?: string;
}

export interface CaseRoutesSpec<S, P extends z.ZodObject, Q extends ListQuery> {
  kind: CaseKindName;
  tags: string[];
  /** The case's address below the kind's path (default `/:id`), and its schema. */
  one?: string;
  params: P;
  /** The case's business id from its address (default: the `id` parameter). */
  idOf?: (params: z.infer<P>) => string;
  query: QueryDefinition<S>;
  state: z.ZodType;
  access: CaseAccess<S>;
  /** The words of the summaries: "với <noun> này", "trạng thái mới của <stateNoun>". */
  noun: string;
  stateNoun: string;
  read: { summary: string; description: string };
  /** The process's list of actions; each entry ties its own input type together, so the list holds any. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, CaseAction<S, any>>;
  /** Checks of an action's input against the API's own stores (documents, the calendar), by action path. */
  precheck?: Record<string, (body: never, actor: Actor) => Promise<void>>;
  /** What to tell someone acting on a case that has finished. */
  closedMessage: (handle: WorkflowHandle) => Promise<string>;
  list?: CaseListSpec<Q>;
  documents?: Array<CaseDocumentSpec<S, z.ZodObject, z.ZodObject>>;
  /** For the actions that are decisions (`authority` in the list): the authority now, and where the case's matter sits. */
  authority?: { source: AuthoritySource; placeOf: (state: S) => MatterPlace };
}

/** Registers the routes of one kind of case on the router. */
export function caseRoutes<S, P extends z.ZodObject, Q extends ListQuery>(
  router: Router,
  registry: OpenAPIRegistry,
  client: Client,
  documents: DocumentStore | null,
  spec: CaseRoutesSpec<S, P, Q>,
): void {
  const kind = caseKinds[spec.kind];
  const base = `${API_PREFIX}/${kind.segment}`;
  const one = `${base}${spec.one ?? '/:id'}`;
  const idOf = spec.idOf ?? ((params: z.infer<P>) => (params as { id: string }).id);
  const tags = spec.tags;
  const handle = (params: z.infer<P>) => client.workflow.getHandle(workflowIdOf(spec.kind, idOf(params)));
  const actions = Object.values(spec.actions);

  /** The case, for someone who may read it: 403 for a role that never reads this kind, 404 for anyone else who may not. */
  async function readable(params: z.infer<P>, actor: Actor): Promise<S> {
    const refusal = spec.access.refuse?.(actor);
    if (refusal) throw new HttpProblem(403, refusal);
    const state = await handle(params).query(spec.query);
    if (!spec.access.mayRead(actor, state)) throw new HttpProblem(404, NOT_FOUND);
    return state;
  }

  if (spec.list) {
    const list = spec.list;
    defineRoute(router, registry, {
      method: 'get',
      path: base,
      summary: list.summary,
      ...(list.description ? { description: list.description } : {}),
      tags,
      query: list.query,
      responses: { 200: { description: 'Một trang kết quả', schema: z.object({ items: z.array(list.item), nextPageToken: z.string().nullable() }) } },
      handler: async ({ query }, _req, res) => {
        const actor = currentActor(res);
        const scope = spec.access.listClause?.(actor) ?? null;
        const clauses = [`WorkflowType = '${kind.workflowType}'`, ...list.filters(query), ...(scope ? [scope] : [])];
        // Page tokens carry a checksum: a forged one is a 400 here, not a 500 from Temporal (api/pagination.ts).
        const { pageSize, pageToken } = query as z.infer<z.ZodObject<typeof PageQueryShape>>;
        const page = await listWorkflowPage(client, { query: clauses.join(' AND '), pageSize, pageToken });
        return { items: page.executions.map((e) => list.itemOf(indexedCase(e))), nextPageToken: page.nextPageToken };
      },
    });
  }

  defineRoute(router, registry, {
    method: 'get',
    path: one,
    summary: spec.read.summary,
    tags,
    params: spec.params,
    responses: { 200: { description: spec.read.description, schema: spec.state } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => readable(params, currentActor(res)),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${one}/actions`,
    summary: `Những thao tác người đang đăng nhập được làm với ${spec.noun} này lúc này (và lý do nếu không)`,
    description: 'Tính bằng chính các quy tắc mà Update của quy trình kiểm tra; giao diện chỉ hiện nút cho thao tác được phép.',
    tags,
    params: spec.params,
    responses: { 200: { description: 'Các thao tác', schema: allowedActionsSchema(actions.map((a) => a.path)) } },
    problems: [403, 404],
    handler: async ({ params }, _req, res) => {
      const actor = currentActor(res);
      const state = await readable(params, actor);
      const authority = spec.authority;
      const kinds = [...new Set(actions.flatMap((a) => (a.authority ? [a.authority] : [])))];
      const answers = authority ? new Map(await Promise.all(kinds.map(async (k) => [k, await authority.source.answer(actor, k, authority.placeOf(state))] as const))) : new Map();
      return allowedActionsOf(actions, state, actor, (kind) => answers.get(kind) ?? null);
    },
  });

  for (const doc of spec.documents ?? []) {
    defineRoute(router, registry, {
      method: 'get',
      path: `${one}${doc.path}`,
      summary: doc.summary,
      tags,
      params: doc.params ?? spec.params,
      ...(doc.query ? { query: doc.query } : {}),
      responses: { 200: { description: doc.description } },
      problems: [403, 404],
      handler: async ({ params, query }, _req, res) => {
        const state = await readable(params as z.infer<P>, currentActor(res));
        const { ref, missing } = doc.find(state, { params, query });
        if (!ref) throw new HttpProblem(404, missing);
        const stored = await documents?.readDocument(ref.sha256);
        if (!stored) throw new HttpProblem(404, doc.gone ?? missing);
        return sendDocument(res, stored, ref.filename);
      },
    });
  }

  for (const a of actions) {
    const precheck = spec.precheck?.[a.path];
    defineRoute(router, registry, {
      method: 'post',
      path: `${one}/${a.path}`,
      summary: a.summary,
      tags,
      params: spec.params,
      body: a.input,
      responses: { 200: { description: `Đã thực hiện; trạng thái mới của ${spec.stateNoun}`, schema: spec.state } },
      problems: [403, 404, 409],
      handler: async ({ params, body }, _req: Request, res) => {
        const actor = currentActor(res);
        let acting = actor;
        return runAction(handle(params), a.update, () => acting, body as never, spec.closedMessage, async () => {
          const state = await readable(params, actor);
          await precheck?.(body as never, actor);
          // A decision: under which authority this person makes it now, or 403 with the reason.
          if (a.authority && spec.authority) acting = await spec.authority.source.empower(actor, a.authority, spec.authority.placeOf(state));
        });
      },
    });
  }
}

/** The business id of a listed case of the kind, from its workflow id. */
export const listedId = (kind: CaseKindName, indexed: IndexedCase): string => businessIdOf(kind, indexed.workflowId) ?? indexed.workflowId;

/** A list filter's clause, `<attribute> = '<value>'`, when the filter is given. */
export const whereEquals = (attribute: { name: string }, value: string | undefined): string[] => (value ? [`${attribute.name} = ${quote(value)}`] : []);

/** The version asked for of what a case keeps in versions (submissions, drafts), or its latest. */
export const versionOrLatest = <T extends { version: number }>(list: readonly T[], version: number | undefined): T | undefined =>
  version ? list.find((v) => v.version === version) : list[list.length - 1];

/**
 * `/document` of a case that keeps its file in versions (a commune's submissions, a report's drafts): the
 * query's `param` picks a version, the latest otherwise.
 */
export function versionedDocument<S, T extends { version: number; document?: DocumentRef | undefined }>(spec: {
  summary: string;
  description: string;
  query: z.ZodObject;
  param: string;
  versions: (state: S) => readonly T[];
  /** Why there is no file: for the version asked for, or (undefined) for any. */
  missing: (version: number | undefined) => string;
  gone?: string;
}): CaseDocumentSpec<S, z.ZodObject, z.ZodObject> {
  return {
    path: '/document',
    summary: spec.summary,
    description: spec.description,
    query: spec.query,
    find: (state, { query }) => {
      const version = (query as Record<string, number | undefined>)[spec.param];
      return { ref: versionOrLatest(spec.versions(state), version)?.document, missing: spec.missing(version) };
    },
    ...(spec.gone ? { gone: spec.gone } : {}),
  };
}
