/**
 * What a caller is told when Temporal could not do it now: 503 (with Retry-After, api/problem.ts), so the
 * console says "try again" and a retry with the same Idempotency-Key finds what the first attempt made; any
 * other failure of Temporal stays a 500. The errors are built as the client hands them over (a gRPC status with
 * its code and message), since a worker stalled long enough for Temporal to give up on its task cannot be
 * arranged in a test of seconds; make fuzz met the first one with a worker stopped for 45 s. Through HTTP, on
 * the run's Temporal server: a case no worker can run answers 503, and no request waits for Temporal past
 * TEMPORAL_CALL_TIMEOUT_SECONDS (api/middleware/temporal-deadline.ts).
 */
import request from 'supertest';
import { actorOf } from '../api/auth';
import { createLogger } from '../api/middleware/logging';
import { toProblem } from '../api/problem';
import { BUDGET_WORKFLOW_TYPE, budgetWorkflowId, type StartBudgetInput } from '../workflows/budget/messages';
import { createTestApi, defaultPolicy, militaryEstimate } from './support/api';
import { useClient } from './support/service';
import { directory, uniqueQueue } from './support/temporal';

/** gRPC status codes. */
const status = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 };
const grpcError = (code: number, message: string) => Object.assign(new Error(message), { code, details: message, metadata: {} });

test('an Update that met a workflow task its worker did not finish in time: 503, try again', () => {
  const stalled = grpcError(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to Workflow Task in failed state.');
  expect(toProblem(stalled)).toMatchObject({ status: 503, detail: expect.stringContaining('thử lại') });
});

test('a query no worker is polling for (every worker down): 503', () => {
  const down = grpcError(status.FAILED_PRECONDITION, 'no poller seen for task queue recently, worker may be down');
  expect(toProblem(down).status).toBe(503);
});

test('Temporal unreachable or past the deadline: 503', () => {
  expect(toProblem(grpcError(status.UNAVAILABLE, 'connect ECONNREFUSED')).status).toBe(503);
  expect(toProblem(grpcError(status.DEADLINE_EXCEEDED, 'query timed out before a worker could process it')).status).toBe(503);
  // How grpc-js reports the request's deadline some of the time.
  expect(toProblem(grpcError(status.CANCELLED, 'Call cancelled')).status).toBe(503);
});

test('any other refused precondition is the service\'s fault: 500', () => {
  expect(toProblem(grpcError(status.FAILED_PRECONDITION, 'Namespace is not active')).status).toBe(500);
});

describe('through HTTP, against the run\'s Temporal server', () => {
  const shared = useClient();

  test('no worker to run the case: reading it or acting on it answers 503 by the deadline, not never', async () => {
    // An estimate on a task queue no worker polls (every worker down, or stalled); the API waits 2 s here.
    const { client } = shared;
    const taskQueue = uniqueQueue('no-worker');
    const id = `DT-2026-${uniqueQueue('x').slice(-8).toUpperCase()}`;
    const submittedBy = actorOf(directory.user('quan-bchqs')!);
    const input: StartBudgetInput = { id, submittedBy, estimate: militaryEstimate, policy: defaultPolicy };
    await client.workflow.start(BUDGET_WORKFLOW_TYPE, { workflowId: budgetWorkflowId(id), taskQueue, args: [input] });
    // The API's error lines, so that an unexpected status shows what the API met.
    const logged: string[] = [];
    const logger = createLogger('error', { write: (line: string) => void logged.push(line.slice(0, 400)) });
    const api = createTestApi(client, taskQueue, undefined, { http: { temporalCallTimeoutMs: 2_000 }, logger });
    const asked = Date.now();
    const read = await request(api.app).get(`/api/v1/budgets/${id}`).set('Authorization', await api.bearer('quan-bchqs'));
    const acted = await request(api.app).post(`/api/v1/budgets/${id}/request-revision`).set('Authorization', await api.bearer('hoa-tckh')).send({ comments: 'Bổ sung báo giá' });
    for (const res of [read, acted]) {
      if (res.status !== 503) throw new Error(`${res.status} ${JSON.stringify(res.body)}; the API logged:\n${logged.join('\n')}`);
      expect(res.headers['retry-after']).toBe('5');
    }
    expect(Date.now() - asked).toBeLessThan(8_000);
    await client.workflow.getHandle(budgetWorkflowId(id)).terminate('test over');
  });
});
