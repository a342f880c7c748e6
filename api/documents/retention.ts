/**
 * Removes uploads that no case came to reference once the retention period has passed, a few times a day.
 * Run by every API process: two removing the same file is harmless.
 */
import type { DocumentStore } from '../../activities/document-store';
import type { Logger } from '../middleware/logging';

const DAY_MS = 86_400_000;
/** Sweeps this often; the first a minute after start, so a restart loop does not sweep at each start. */
const EVERY_MS = 6 * 3_600_000;

export function startDocumentRetention(documents: DocumentStore, retentionDays: number, logger: Logger): () => void {
  if (retentionDays <= 0) return () => undefined;
  const sweep = () =>
    documents.removeUnreferenced(new Date(Date.now() - retentionDays * DAY_MS)).then(
      (removed) => {
        if (removed.length) logger.info({ removed: removed.length, retentionDays }, 'removed uploads no case references');
      },
      (err: unknown) => logger.error({ err }, 'document retention sweep failed'),
    );
  const first = setTimeout(() => void sweep(), 60_000);
  const timer = setInterval(() => void sweep(), EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
