/**
 * Replays recorded workflow histories against workflow code and reports, per history, whether the code
 * still makes the same decisions (anything else is a non-determinism error: the code change would break
 * workflows already running). Accepts the audit's history exports and plain Temporal JSON histories.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { historyFromJson } from './history-json';

export interface HistoryFile {
  file: string;
  workflowId: string;
  workflowType: string;
  history: temporal.api.history.v1.IHistory;
}

export interface ReplayOutcome {
  file: string;
  workflowId: string;
  workflowType: string;
  /** The error's name and message; absent when the history replayed cleanly. */
  error?: { name: string; message: string };
}

/** The `.json` files under each path (a file or a directory, searched recursively), sorted. */
export function historyFilesUnder(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else if (p.endsWith('.json')) {
      found.push(p);
    }
  };
  paths.forEach(walk);
  return found;
}

export function loadHistoryFile(file: string): HistoryFile {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { header?: { workflowId?: string; workflowType?: string }; events?: unknown[] };
  if (!Array.isArray(doc.events)) throw new Error(`${file}: không phải lịch sử workflow (thiếu "events")`);
  const history = historyFromJson({ events: doc.events });
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return {
    file,
    // Plain Temporal exports carry no workflow id; the file name stands in for it.
    workflowId: doc.header?.workflowId ?? started?.workflowId ?? path.basename(file, '.json'),
    workflowType: doc.header?.workflowType ?? started?.workflowType?.name ?? '',
    history,
  };
}

/** Replays every history with the given workflow code (a bundle or a workflows path). */
export async function replayHistories(files: readonly HistoryFile[], code: Pick<ReplayWorkerOptions, 'workflowBundle' | 'workflowsPath'>): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  const results = Worker.runReplayHistories(
    { ...code, replayName: 'audit-replay' },
    files.map((f) => ({ workflowId: f.workflowId, history: f.history })),
  );
  let i = 0;
  for await (const result of results) {
    const f = files[i]!;
    i += 1;
    outcomes.push({
      file: f.file,
      workflowId: f.workflowId,
      workflowType: f.workflowType,
      ...(result.error ? { error: { name: result.error.name, message: result.error.message } } : {}),
    });
  }
  return outcomes;
}
