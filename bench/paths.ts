/**
 * The measured paths. Each names what one operation is on either side, what it needs prepared beforehand
 * (untimed), and how many notices one operation leaves behind for the worker (see backlog.ts).
 */
import { appraiseUpdate, approveUpdate, requestRevisionUpdate, type BudgetState } from '../workflows/budget/messages';
import type { Actor } from '../workflows/common/actor';
import type { UpdateDefinition } from '@temporalio/common';
import type { Backlog } from './backlog';
import { appraisal, approval, revisionRequest } from './fixtures';
import type { bareSide, serviceSide, SideName } from './sides';

export type PathKey = 'start' | 'action' | 'flow' | 'list' | 'audit';

export interface BenchPath<T = unknown> {
  key: PathKey;
  title: string;
  /** Work one operation leaves for the worker after it has answered, in notices. */
  noticesPerOp: number;
  /** What `count` operations of one side work on (made before the round, untimed). */
  items(side: SideName, count: number): Promise<T[]>;
  run: Record<SideName, (item: T) => Promise<unknown>>;
}

type Service = ReturnType<typeof serviceSide>;
type Bare = ReturnType<typeof bareSide>;
type Update = UpdateDefinition<BudgetState, [Actor, never]>;

const indices = async (_side: SideName, count: number) => Array.from({ length: count }, (_, i) => i);

/**
 * Running estimates waiting for appraisal, made by the start path and handed out once each (an action moves
 * an estimate on, so it cannot be measured twice on the same one).
 */
export class EstimatePool {
  private readonly ids: string[] = [];
  constructor(private readonly refill: (count: number) => Promise<string[]>) {}
  add(id: string): void {
    this.ids.push(id);
  }
  get size(): number {
    return this.ids.length;
  }
  /** At random, so which side made an estimate (and when) does not follow which side acts on it. */
  async take(count: number): Promise<string[]> {
    if (this.ids.length < count) this.ids.push(...(await this.refill(count - this.ids.length)));
    return Array.from({ length: count }, () => this.ids.splice(Math.floor(Math.random() * this.ids.length), 1)[0]!);
  }
}

export function startPath(svc: Service, bare: Bare, backlog: Backlog, pool: EstimatePool): BenchPath<number> {
  const started = (id: string) => {
    backlog.expect(1);
    pool.add(id);
  };
  return {
    key: 'start',
    title: 'Start a budget estimate',
    noticesPerOp: 1,
    items: indices,
    run: {
      service: async () => started(await svc.submit()),
      bare: async () => started(await bare.submit()),
    },
  };
}

export function actionPath(svc: Service, bare: Bare, backlog: Backlog, pool: EstimatePool): BenchPath<string> {
  return {
    key: 'action',
    title: 'One action (Update): request a revision',
    noticesPerOp: 1,
    items: (_side, count) => pool.take(count),
    run: {
      service: async (id) => {
        await svc.act(id, 'request-revision', 'appraiser', revisionRequest);
        backlog.expect(1);
      },
      bare: async (id) => {
        await bare.act(id, requestRevisionUpdate as unknown as Update, 'appraiser', revisionRequest);
        backlog.expect(1);
      },
    },
  };
}

/** `approved` collects the estimates that went the whole way (the audit path reads them). */
export function flowPath(svc: Service, bare: Bare, backlog: Backlog, approved: string[]): BenchPath<number> {
  return {
    key: 'flow',
    title: 'Full flow: submit, appraise, approve',
    noticesPerOp: 3,
    items: indices,
    run: {
      service: async () => {
        const id = await svc.submit();
        backlog.expect(1);
        await svc.act(id, 'appraise', 'appraiser', appraisal);
        backlog.expect(1);
        await svc.act(id, 'approve', 'leader', approval);
        backlog.expect(1);
        approved.push(id);
      },
      bare: async () => {
        const id = await bare.submit();
        backlog.expect(1);
        await bare.act(id, appraiseUpdate as unknown as Update, 'appraiser', appraisal);
        backlog.expect(1);
        await bare.act(id, approveUpdate as unknown as Update, 'leader', approval);
        backlog.expect(1);
        approved.push(id);
      },
    },
  };
}

export function listPath(svc: Service, bare: Bare, agency: string): BenchPath<number> {
  return {
    key: 'list',
    title: `List open estimates awaiting ${agency} (first page of 20)`,
    noticesPerOp: 0,
    items: indices,
    run: {
      service: () => svc.listAwaiting(agency),
      bare: () => bare.listAwaiting(agency),
    },
  };
}
