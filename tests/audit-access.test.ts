/**
 * Who sees what in the audit (issue 5): the leadership and auditors everything; an agency the workflows it
 * takes part in; a commune only its own. The same rule governs searches and single reads, every read is
 * logged (refusals too), and only the leadership and auditors read that log.
 *
 * The cases are workflows of several types started on a task queue no worker polls: a workflow no worker has
 * picked up keeps the search attributes it was started with, which places each case exactly where the test
 * needs it (an overdue estimate, a commune plan a district agency reviews...) in Temporal's real visibility.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { AwaitingAgency, CaseAgency, CaseStatus, DueAt, Participants, PlanCode } from '../workflows/common/search-attributes';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { directory, uniqueQueue } from './support/temporal';
import { actorOf } from '../api/auth';

let client: Client;
let api: TestApi;
const plan = `KH-TEST-${randomUUID().slice(0, 8)}`;
const run = randomUUID().slice(0, 8).toUpperCase();
const DAY = 86_400_000;
const actor = (id: string) => actorOf(directory.user(id)!);

/** Four cases of three types; `participants` always includes the owner, as the workflows publish it. */
const cases = {
  overdueEstimate: { id: `budget:AUDIT-${run}-A`, type: 'budgetEstimateWorkflow', owner: 'bchqs', participants: ['bchqs', 'tckh', 'lanh-dao'], status: 'in_appraisal', awaiting: 'tckh', dueInDays: -1, input: { id: `AUDIT-${run}-A`, submittedBy: actor('quan-bchqs'), estimate: militaryEstimate } },
  estimateAwaitingDecision: { id: `budget:AUDIT-${run}-B`, type: 'budgetEstimateWorkflow', owner: 'vhtt', participants: ['vhtt', 'tckh', 'lanh-dao'], status: 'awaiting_decision', awaiting: 'lanh-dao', dueInDays: 2, input: { id: `AUDIT-${run}-B`, submittedBy: actor('tuan-vhtt'), estimate: militaryEstimate } },
  communePlan: { id: `commune-plan:AUDIT-${run}-C`, type: 'communePlanWorkflow', owner: 'xa-long-dong', participants: ['xa-long-dong', 'bchqs', 'van-phong'], status: 'submitted', awaiting: 'bchqs', dueInDays: 5, input: { commune: 'xa-long-dong' } },
  assignment: { id: `assignment:AUDIT-${run}-D`, type: 'assignmentWorkflow', owner: 'gddt', participants: ['gddt', 'van-phong', 'xa-long-dong'], status: 'awaiting_report', awaiting: 'gddt', dueInDays: 10, input: { agency: 'gddt' } },
};
type CaseName = keyof typeof cases;
const all = Object.keys(cases) as CaseName[];
const idsOf = (names: CaseName[]) => names.map((n) => cases[n].id).sort();

async function search(userId: string, query: Record<string, string> = {}) {
  return request(api.app).get('/api/v1/audit/workflows').query({ plan, ...query }).set('Authorization', await api.bearer(userId));
}
const ids = (res: request.Response): string[] => (res.body.items as Array<{ workflowId: string }>).map((i) => i.workflowId).sort();

// No worker: the cases stay as started, on a task queue nobody polls.
const service = useService('audit-access', { worker: false });
service.beforeStop(async () => {
  for (const c of Object.values(cases)) await client.workflow.getHandle(c.id).terminate('test finished').catch(() => undefined);
});

beforeAll(async () => {
  ({ client, api } = service);
  const unpolled = uniqueQueue('audit-access-nobody');
  for (const c of Object.values(cases)) {
    const attributes: SearchAttributePair[] = [
      { key: CaseStatus, value: c.status },
      { key: CaseAgency, value: c.owner },
      { key: AwaitingAgency, value: c.awaiting },
      { key: Participants, value: c.participants },
      { key: DueAt, value: new Date(Date.now() + c.dueInDays * DAY) },
      { key: PlanCode, value: plan },
    ];
    await client.workflow.start(c.type, { workflowId: c.id, taskQueue: unpolled, args: [c.input], typedSearchAttributes: attributes });
  }
  // Visibility catches up with the starts shortly after.
  for (let tries = 0; ; tries += 1) {
    const res = await search('thanh-tt');
    if (res.status === 200 && res.body.items.length === all.length) break;
    if (tries > 100) throw new Error(`visibility never showed the ${all.length} cases: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.each<[string, string, CaseName[]]>([
  ['the auditor', 'thanh-tt', all],
  ['a leader', 'hung-nv', all],
  ['the Military Command (owner of one estimate, reviewer of the commune plan)', 'quan-bchqs', ['overdueEstimate', 'communePlan']],
  ['the Finance Office (appraises every estimate)', 'hoa-tckh', ['overdueEstimate', 'estimateAwaitingDecision']],
  ['the Culture Office (owner of one estimate)', 'tuan-vhtt', ['estimateAwaitingDecision']],
  ['the office’s administrator (reads every case, as in /budgets and the other lists)', 'lan-vp', all],
  ['a commune (only its own, not the assignment it merely takes part in)', 'khanh-xa-long-dong', ['communePlan']],
  ['another commune', 'nga-xa-bac-quynh', []],
])('%s sees exactly what it may, in searches and timelines', async (_who, userId, visible) => {
  const res = await search(userId);
  expect(res.status).toBe(200);
  expect(ids(res)).toEqual(idsOf(visible));

  const auth = await api.bearer(userId);
  for (const name of all) {
    const timeline = await request(api.app).get(`/api/v1/audit/workflows/${cases[name].id}/timeline`).set('Authorization', auth);
    // A case one may not read does not exist for them: the same 404 as a missing one.
    expect([name, timeline.status]).toEqual([name, visible.includes(name) ? 200 : 404]);
    if (timeline.status === 404) expect(timeline.body.detail).toBe('Không tìm thấy hồ sơ');
  }
});

test('search filters: type, owner, state, who must act, overdue, dates; paginated; bad filters named', async () => {
  const auditor = 'thanh-tt';
  expect(ids(await search(auditor, { overdue: 'true' }))).toEqual(idsOf(['overdueEstimate']));
  expect(ids(await search(auditor, { overdue: 'false' }))).toEqual(idsOf(['estimateAwaitingDecision', 'communePlan', 'assignment']));
  expect(ids(await search(auditor, { type: 'budgetEstimateWorkflow' }))).toEqual(idsOf(['overdueEstimate', 'estimateAwaitingDecision']));
  expect(ids(await search(auditor, { awaiting: 'lanh-dao' }))).toEqual(idsOf(['estimateAwaitingDecision']));
  expect(ids(await search(auditor, { agency: 'xa-long-dong' }))).toEqual(idsOf(['communePlan']));
  expect(ids(await search(auditor, { participant: 'xa-long-dong' }))).toEqual(idsOf(['communePlan', 'assignment']));
  expect(ids(await search(auditor, { status: 'awaiting_report' }))).toEqual(idsOf(['assignment']));
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10);
  expect(ids(await search(auditor, { startedFrom: today, startedTo: today }))).toEqual(idsOf(all));
  expect(ids(await search(auditor, { startedTo: inDays(-1) }))).toEqual([]);
  expect(ids(await search(auditor, { dueFrom: inDays(1), dueTo: inDays(6) }))).toEqual(idsOf(['estimateAwaitingDecision', 'communePlan']));

  const overdue = (await search(auditor, { overdue: 'true' })).body.items[0];
  expect(overdue).toMatchObject({ type: 'budgetEstimateWorkflow', typeLabel: 'Dự toán kinh phí', status: 'in_appraisal', statusLabel: 'Đang thẩm định', agency: 'bchqs', agencyName: 'Ban Chỉ huy Quân sự huyện', awaiting: 'tckh', overdue: true, executionStatus: 'Running', plan });
  expect(overdue.timeline).toBe(`/api/v1/audit/workflows/${encodeURIComponent(cases.overdueEstimate.id)}/timeline`);

  const first = await search(auditor, { pageSize: '3' });
  expect(first.body.items).toHaveLength(3);
  expect(first.body.nextPageToken).toEqual(expect.any(String));
  const second = await search(auditor, { pageSize: '3', pageToken: first.body.nextPageToken });
  expect([...ids(first), ...ids(second)].sort()).toEqual(idsOf(all));
  expect(second.body.nextPageToken).toBeNull();

  const bad = await search(auditor, { overdue: 'maybe', type: 'x y', startedFrom: '2024-05-02', startedTo: '2024-05-01', dueFrom: '2024-02-30' });
  expect(bad.status).toBe(400);
  expect((bad.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['query.dueFrom', 'query.overdue', 'query.type']);
  const reversed = await search(auditor, { startedFrom: '2024-05-02', startedTo: '2024-05-01' });
  expect(reversed.status).toBe(400);
  expect(reversed.body.errors).toEqual([{ field: 'query.startedFrom', message: 'startedFrom phải trước startedTo' }]);
});

test('every read is logged, refusals too, and only the leadership and auditors read the log', async () => {
  const target = cases.estimateAwaitingDecision.id;
  expect((await request(api.app).get(`/api/v1/audit/workflows/${target}/timeline`).set('Authorization', await api.bearer('quan-bchqs'))).status).toBe(404);
  expect((await request(api.app).get(`/api/v1/audit/workflows/${target}/history`).set('Authorization', await api.bearer('hung-nv'))).status).toBe(200);
  expect((await request(api.app).get(`/api/v1/audit/workflows/budget:AUDIT-${run}-NONE/timeline`).set('Authorization', await api.bearer('hung-nv'))).status).toBe(404);

  expect((await request(api.app).get('/api/v1/audit/reads').set('Authorization', await api.bearer('quan-bchqs'))).status).toBe(403);
  // The office reads every case, but who looked at what is for the leadership and auditors.
  expect((await request(api.app).get('/api/v1/audit/reads').set('Authorization', await api.bearer('lan-vp'))).status).toBe(403);
  const log = await request(api.app).get('/api/v1/audit/reads').query({ target }).set('Authorization', await api.bearer('thanh-tt'));
  expect(log.status).toBe(200);
  const reads = log.body.items as Array<{ actor: { userId: string }; action: string; outcome: string; target: string; time: string; at: string }>;
  const mine = (userId: string, action: string) => reads.filter((r) => r.actor.userId === userId && r.action === action);
  expect(mine('quan-bchqs', 'timeline').map((r) => r.outcome)).toContain('denied');
  expect(mine('hung-nv', 'history').map((r) => r.outcome)).toEqual(['served']);
  expect(mine('thanh-tt', 'timeline').map((r) => r.outcome)).toEqual(['served']);

  const all = await request(api.app).get('/api/v1/audit/reads').query({ userId: 'hung-nv' }).set('Authorization', await api.bearer('thanh-tt'));
  const hung = all.body.items as Array<{ action: string; outcome: string; target?: string; query?: Record<string, string> }>;
  expect(hung).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'timeline', outcome: 'not_found', target: `budget:AUDIT-${run}-NONE` })]));
  expect(hung.filter((r) => r.action === 'search').every((r) => r.query?.plan === plan)).toBe(true);
  // The denied one's reader got nothing and the log says so; the commune officer's searches are there too.
  const commune = await request(api.app).get('/api/v1/audit/reads').query({ userId: 'khanh-xa-long-dong' }).set('Authorization', await api.bearer('hung-nv'));
  expect((commune.body.items as Array<{ action: string }>).some((r) => r.action === 'search')).toBe(true);
});
