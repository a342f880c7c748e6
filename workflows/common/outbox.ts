/**
 * The notices a workflow has decided to send, in order. Handlers only queue (they must not wait on
 * activities); the workflow's main loop delivers. Each notice's key is `<workflowId>/<seq>-<event>`,
 * stable across replays and retries, so a message goes out once.
 */
import { log, workflowInfo } from '@temporalio/workflow';
import type { Actor } from './actor';
import type { NoticeBase } from './notice';
import { delivery } from './activities';
import type { Notice } from '../../activities/templates';

export class NoticeOutbox<N extends Notice & NoticeBase> {
  private readonly queue: N[] = [];
  private seq = 0;

  /** Queues a notice; `build` receives its key. */
  private add(event: string, build: (key: string) => N): void {
    this.seq += 1;
    this.queue.push(build(`${workflowInfo().workflowId}/${this.seq}-${event}`));
  }

  /**
   * Queues the notice of an event: `fields` (its kind, event, recipients, the case's summary), its key, and who
   * acted with their comments when given, in the order the notices always had.
   */
  announce(fields: Omit<N, 'key' | 'by' | 'comments'> & { kind: string; event: string }, by?: Actor, comments?: string): void {
    const { kind, ...rest } = fields;
    this.add(fields.event, (key) => ({ kind, key, ...rest, ...(by ? { by } : {}), ...(comments ? { comments } : {}) }) as unknown as N);
  }

  get size(): number {
    return this.queue.length;
  }

  /** The last queued notice, to complete it (e.g. with a deadline planned after it was queued). */
  get last(): N | undefined {
    return this.queue[this.queue.length - 1];
  }

  /** Delivers everything queued, in order. */
  async flush(): Promise<void> {
    while (this.queue.length) {
      const notice = this.queue.shift()!;
      try {
        await delivery.notify(notice);
      } catch (err) {
        // Only a notice nobody can receive ends here; the process itself must go on.
        log.error('notice could not be delivered', { key: notice.key, error: String(err) });
      }
    }
  }
}
