/**
 * The two ways the benchmark does each piece of work. The service: HTTP to the real API, signed in with real
 * tokens. Bare Temporal: the same call the API makes underneath, straight from a Temporal client on the same
 * server and task queue, with the same workflow code, and nothing else (no HTTP, no validation, no sign-in).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { mintToken } from '../api/auth';
import { budgetPolicyOf } from '../api/server';
import { loadConfig } from '../config/env';
import {
  BUDGET_WORKFLOW_TYPE,
  budgetWorkflowId,
  submissionUpdate,
  type BudgetState,
  type StartBudgetInput,
} from '../workflows/budget/messages';
import type { Actor } from '../workflows/common/actor';
import { AwaitingAgency } from '../workflows/common/search-attributes';
import { actor, estimate, people, type Person } from './fixtures';
import { TASK_QUEUE } from './stack';

export type SideName = 'service' | 'bare';

/** The policy the API process uses: its configuration's defaults, as the bench starts it. */
export const policy = budgetPolicyOf(loadConfig({}));

export class HttpError extends Error {
  constructor(readonly status: number, body: string, what: string) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

/** A small keep-alive HTTP client (node:http), so the client's own cost stays small next to the server's. */
export class ApiClient {
  private agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  private readonly tokens = new Map<Person, string>();

  constructor(private readonly baseUrl: string, private readonly secret: Uint8Array) {}

  async signIn(): Promise<void> {
    for (const person of Object.keys(people) as Person[]) {
      this.tokens.set(person, await mintToken({ secret: this.secret, issuer: 'bac-son-plan', audience: 'bac-son-plan-api', userId: people[person], ttl: '12h' }));
    }
  }

  token(person: Person): string {
    const token = this.tokens.get(person);
    if (!token) throw new Error('signIn() first');
    return token;
  }

  request<T>(method: 'GET' | 'POST', path: string, person: Person, expected: number, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token(person)}`,
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== expected) reject(new HttpError(res.statusCode ?? 0, text, `${method} ${path}`));
            else resolve(JSON.parse(text) as T);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /**
   * Drops the kept-alive connections. Called before each round: a connection left idle past the server's
   * keep-alive timeout (5 s) may be closed by the server just as the client reuses it (ECONNRESET).
   */
  freshConnections(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  }
}

/** The budget routes, through HTTP. */
export function serviceSide(api: ApiClient) {
  return {
    async submit(): Promise<string> {
      const state = await api.request<BudgetState>('POST', '/api/v1/budgets', 'submitter', 201, estimate);
      return state.id;
    },
    async act(id: string, action: string, person: Person, body: unknown): Promise<BudgetState> {
      return api.request<BudgetState>('POST', `/api/v1/budgets/${id}/${action}`, person, 200, body);
    },
    async listAwaiting(agency: string): Promise<unknown> {
      return api.request('GET', `/api/v1/budgets?awaiting=${encodeURIComponent(agency)}`, 'appraiser', 200);
    },
  };
}

/** A business id in the API's own format (DT-<year>-<8 hex>). */
export const newBudgetId = (): string => `DT-${new Date().getFullYear()}-${randomBytes(4).toString('hex').toUpperCase()}`;

/** The same start the API's create route makes: same workflow, id, task queue and memo (the workflow indexes itself). */
export function startOptions(id: string, by: Actor) {
  const input: StartBudgetInput = { id, submittedBy: by, estimate, policy };
  return {
    workflowId: budgetWorkflowId(id),
    taskQueue: TASK_QUEUE,
    args: [input] as [StartBudgetInput],
    memo: { title: estimate.title },
  };
}

/** The list query the API builds for `?awaiting=<agency>` when the appraising office asks. */
export const awaitingQuery = (agency: string): string => `WorkflowType = '${BUDGET_WORKFLOW_TYPE}' AND ${AwaitingAgency.name} = '${agency}'`;

/** The same Temporal calls, straight from the client. */
export function bareSide(client: Client) {
  const actors = { submitter: actor('submitter'), appraiser: actor('appraiser'), leader: actor('leader') };
  return {
    async submit(): Promise<string> {
      const id = newBudgetId();
      // The API's submission: the start with the Update that answers once the first deadline is planned.
      await client.workflow.executeUpdateWithStart(submissionUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(BUDGET_WORKFLOW_TYPE, {
          ...startOptions(id, actors.submitter),
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
      return id;
    },
    async act(id: string, update: UpdateDefinition<BudgetState, [Actor, never]>, person: Person, body: unknown): Promise<BudgetState> {
      return client.workflow.getHandle(budgetWorkflowId(id)).executeUpdate(update, { args: [actors[person], body as never] });
    },
    async listAwaiting(agency: string): Promise<unknown> {
      return client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query: awaitingQuery(agency), pageSize: 20 });
    },
  };
}
