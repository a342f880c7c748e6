/**
 * What a caller is told when Temporal could not do it now: 503 (with Retry-After, api/problem.ts), so the
 * console says "try again" and a retry with the same Idempotency-Key finds what the first attempt made; any
 * other failure of Temporal stays a 500. The errors are built as the client hands them over (a gRPC status with
 * its code and message), since a worker stalled long enough for Temporal to give up on its task cannot be
 * arranged in a test of seconds; make fuzz met the first one with a worker stopped for 45 s.
 */
import { toProblem } from '../api/problem';

/** gRPC status codes. */
const status = { DEADLINE_EXCEEDED: 4, FAILED_PRECONDITION: 9, UNAVAILABLE: 14 };
const grpcError = (code: number, message: string) => Object.assign(new Error(message), { code, details: message, metadata: {} });

test('an Update that met a workflow task its worker did not finish in time: 503, try again', () => {
  const stalled = grpcError(status.FAILED_PRECONDITION, 'Unable to perform workflow execution update due to Workflow Task in failed state.');
  expect(toProblem(stalled)).toMatchObject({ status: 503, detail: expect.stringContaining('thử lại') });
});

test('Temporal unreachable or past the deadline: 503', () => {
  expect(toProblem(grpcError(status.UNAVAILABLE, 'connect ECONNREFUSED')).status).toBe(503);
  expect(toProblem(grpcError(status.DEADLINE_EXCEEDED, 'query timed out before a worker could process it')).status).toBe(503);
});

test('any other refused precondition is the service\'s fault: 500', () => {
  expect(toProblem(grpcError(status.FAILED_PRECONDITION, 'Namespace is not active')).status).toBe(500);
});
