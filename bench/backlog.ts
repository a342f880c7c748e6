/**
 * The work a measured operation leaves behind: each step of an estimate sends one notice (the `notify`
 * activity: the agencies' inboxes, then an .eml file in the outbox) after the operation itself has answered.
 * The bench counts the notices it caused and, between measurements, waits until they are all out and the
 * worker is idle, so one measurement's leftovers do not land on the next.
 */
import { readdirSync } from 'node:fs';
import type { WorkerReport } from './worker-process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Settled {
  waitedMs: number;
  /** Notices still not out when the wait gave up (0 when settled). */
  left: number;
}

export class Backlog {
  private expected = 0;

  constructor(
    private readonly outboxDir: string,
    private readonly workerReport: () => Promise<WorkerReport>,
  ) {}

  /** Counts notices the bench has caused (call after the operation succeeded). */
  expect(notices: number): void {
    this.expected += notices;
  }

  /** Budget notices written so far (the outbox file names start with the workflow id, `budget:` made safe). */
  delivered(): number {
    try {
      return readdirSync(this.outboxDir).filter((f) => f.startsWith('budget_') && f.endsWith('.eml')).length;
    } catch {
      return 0;
    }
  }

  /** Waits until every expected notice is out and the worker has nothing in flight, at most `timeoutMs`. */
  async settle(timeoutMs: number): Promise<Settled> {
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    while (this.delivered() < this.expected && performance.now() < deadline) await sleep(250);
    let idleReadings = 0;
    while (idleReadings < 3 && performance.now() < deadline) {
      const r = await this.workerReport();
      idleReadings = r.numInFlightWorkflowActivations === 0 && r.numInFlightActivities === 0 ? idleReadings + 1 : 0;
      await sleep(100);
    }
    return { waitedMs: Math.round(performance.now() - t0), left: Math.max(0, this.expected - this.delivered()) };
  }
}
