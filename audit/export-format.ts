/**
 * The three audit exports and how a file of each is verified. Every export starts with a header (which
 * workflow, who exported it, when, how many entries) and chains its entries with SHA-256 (digest-chain.ts):
 *
 * - timeline JSON: `{ header, headerHash, entries: [{ ...entry, hash }], head }`
 * - timeline CSV:  record 1 `#bac-son-audit, <header JSON>, <header hash>`; record 2 the column names;
 *                  then one record per entry whose last cell is its hash (covering every other cell)
 * - history JSON:  `{ header, headerHash, events, hashes, head }`, where `events` is Temporal's own JSON
 *                  history, untouched, so the file also replays (audit/replay.ts) and opens in Temporal tools
 */
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { parseCsv, toCsv } from './csv';
import { CHAIN_ALGORITHM, chainOf, verifyChain, type ChainCheck } from './digest-chain';
import { historyToJson } from './history-json';

export const ExportFormat = {
  timelineJson: 'bac-son-audit/timeline+json',
  timelineCsv: 'bac-son-audit/timeline+csv',
  historyJson: 'bac-son-audit/history+json',
} as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];

/** Who made an export: a signed-in person, or a tool (the fixture recorder). */
export const ExporterSchema = z.union([
  z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: z.string() }),
  z.object({ tool: z.string() }),
]);
export type Exporter = z.infer<typeof ExporterSchema>;

export const ExportHeaderSchema = z.object({
  format: z.enum([ExportFormat.timelineJson, ExportFormat.timelineCsv, ExportFormat.historyJson]),
  algorithm: z.literal(CHAIN_ALGORITHM),
  timeZone: z.literal('Asia/Ho_Chi_Minh'),
  workflowId: z.string(),
  runId: z.string(),
  workflowType: z.string(),
  exportedAt: z.string().describe('ISO 8601 UTC'),
  exportedBy: ExporterSchema,
  /** How many entries (timeline) or events (history) follow; a removed or added one breaks the check. */
  entryCount: z.number().int(),
  /** CSV only: the column names, in order (the hash column comes after them). */
  columns: z.array(z.string()).optional(),
});
export type ExportHeader = z.infer<typeof ExportHeaderSchema>;

/** What the caller says about an export; the format, algorithm and entry count are filled in here. */
export type ExportSubject = Pick<ExportHeader, 'workflowId' | 'runId' | 'workflowType' | 'exportedAt' | 'exportedBy'>;

export interface BuiltExport {
  /** The file's text. */
  text: string;
  header: ExportHeader;
  /** The last hash of the chain; recorded in the audit read log. */
  head: string;
}

const headerOf = (subject: ExportSubject, format: ExportFormat, entryCount: number, columns?: string[]): ExportHeader => ({
  format,
  algorithm: CHAIN_ALGORITHM,
  timeZone: 'Asia/Ho_Chi_Minh',
  ...subject,
  entryCount,
  ...(columns ? { columns } : {}),
});

export function timelineJsonExport(subject: ExportSubject, entries: readonly object[]): BuiltExport {
  const header = headerOf(subject, ExportFormat.timelineJson, entries.length);
  const chain = chainOf(header, entries);
  const document = { header, headerHash: chain.headerHash, entries: entries.map((e, i) => ({ ...e, hash: chain.hashes[i] })), head: chain.head };
  return { text: `${JSON.stringify(document, null, 2)}\n`, header, head: chain.head };
}

/** The CSV marker in the first cell of the first record. */
const CSV_MARKER = '#bac-son-audit';
export const CSV_HASH_COLUMN = 'Mã băm (SHA-256)';

export function timelineCsvExport(subject: ExportSubject, columns: string[], rows: ReadonlyArray<readonly string[]>): BuiltExport {
  const header = headerOf(subject, ExportFormat.timelineCsv, rows.length, columns);
  const chain = chainOf(header, rows);
  const records = [[CSV_MARKER, JSON.stringify(header), chain.headerHash], [...columns, CSV_HASH_COLUMN], ...rows.map((r, i) => [...r, chain.hashes[i]!])];
  return { text: toCsv(records), header, head: chain.head };
}

export function historyJsonExport(subject: ExportSubject, history: temporal.api.history.v1.IHistory): BuiltExport {
  const { events } = historyToJson(history);
  const header = headerOf(subject, ExportFormat.historyJson, events.length);
  const chain = chainOf(header, events);
  const document = { header, headerHash: chain.headerHash, events, hashes: chain.hashes, head: chain.head };
  return { text: `${JSON.stringify(document, null, 2)}\n`, header, head: chain.head };
}

export type Verification =
  | { ok: true; format: ExportFormat; workflowId: string; entries: number; head: string }
  | { ok: false; format: ExportFormat | null; workflowId: string | null; where: string; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks an export file's text; on failure names the first entry (or the header) that does not match. */
export function verifyExport(text: string): Verification {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('{')) return verifyJson(body);
  return verifyCsv(body);
}

function failed(format: ExportFormat | null, workflowId: string | null, where: string, reason: string): Verification {
  return { ok: false, format, workflowId, where, reason };
}

function outcome(check: ChainCheck, format: ExportFormat, header: Record<string, unknown>, nameEntry: (i: number) => string): Verification {
  const workflowId = typeof header.workflowId === 'string' ? header.workflowId : null;
  if (check.ok) return { ok: true, format, workflowId: workflowId ?? '', entries: check.entries, head: check.head };
  const where = check.part === 'entry' ? nameEntry(check.index) : check.part === 'header' ? 'phần đầu tệp' : 'toàn tệp';
  return failed(format, workflowId, where, check.reason);
}

function verifyJson(body: string): Verification {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    return failed(null, null, 'toàn tệp', `không phải JSON hợp lệ (${(err as Error).message})`);
  }
  if (!isObject(doc) || !isObject(doc.header)) return failed(null, null, 'toàn tệp', 'không có phần đầu (header) của bản xuất kiểm tra');
  const header = doc.header;
  if (header.format === ExportFormat.timelineJson) {
    if (!Array.isArray(doc.entries)) return failed(ExportFormat.timelineJson, null, 'toàn tệp', 'thiếu danh sách mục (entries)');
    const entries = doc.entries as unknown[];
    const stripped = entries.map((e) => {
      if (!isObject(e)) return e;
      const { hash: _hash, ...rest } = e;
      return rest;
    });
    const check = verifyChain({
      header,
      headerHash: doc.headerHash,
      entries: stripped,
      hashes: entries.map((e) => (isObject(e) ? e.hash : undefined)),
      head: doc.head,
      expectedCount: header.entryCount,
    });
    return outcome(check, ExportFormat.timelineJson, header, (i) => {
      const e = entries[i];
      const seq = isObject(e) && e.seq !== undefined ? `, STT ${String(e.seq)}` : '';
      const eventId = isObject(e) && e.eventId !== undefined ? `, sự kiện ${String(e.eventId)}` : '';
      return `mục thứ ${i + 1}${seq}${eventId}`;
    });
  }
  if (header.format === ExportFormat.historyJson) {
    if (!Array.isArray(doc.events) || !Array.isArray(doc.hashes)) return failed(ExportFormat.historyJson, null, 'toàn tệp', 'thiếu events hoặc hashes');
    const events = doc.events as unknown[];
    const check = verifyChain({ header, headerHash: doc.headerHash, entries: events, hashes: doc.hashes as unknown[], head: doc.head, expectedCount: header.entryCount });
    return outcome(check, ExportFormat.historyJson, header, (i) => {
      const e = events[i];
      return `sự kiện thứ ${i + 1}${isObject(e) && e.eventId !== undefined ? ` (eventId ${String(e.eventId)})` : ''}`;
    });
  }
  return failed(null, null, 'phần đầu tệp', `định dạng không được hỗ trợ: ${String(header.format)}`);
}

function verifyCsv(body: string): Verification {
  let records: string[][];
  try {
    records = parseCsv(body);
  } catch (err) {
    return failed(null, null, 'toàn tệp', (err as Error).message);
  }
  const first = records[0];
  if (!first || first[0] !== CSV_MARKER || first.length !== 3) return failed(null, null, 'dòng 1', `không phải bản xuất kiểm tra (thiếu ${CSV_MARKER})`);
  let header: unknown;
  try {
    header = JSON.parse(first[1]!);
  } catch {
    return failed(ExportFormat.timelineCsv, null, 'dòng 1', 'phần đầu không phải JSON hợp lệ');
  }
  if (!isObject(header) || header.format !== ExportFormat.timelineCsv || !Array.isArray(header.columns)) {
    return failed(null, null, 'dòng 1', 'phần đầu không đúng định dạng bản xuất dòng thời gian CSV');
  }
  const workflowId = typeof header.workflowId === 'string' ? header.workflowId : null;
  const columns = header.columns as unknown[];
  const expectedNames = [...columns.map(String), CSV_HASH_COLUMN];
  const names = records[1] ?? [];
  if (names.length !== expectedNames.length || names.some((n, i) => n !== expectedNames[i])) {
    return failed(ExportFormat.timelineCsv, workflowId, 'dòng 2 (tên cột)', 'tên cột khác với phần đầu');
  }
  const rows = records.slice(2);
  const nameRow = (i: number) => `dòng ${i + 3} của tệp (STT ${rows[i]?.[0] ?? '?'})`;
  const badWidth = rows.findIndex((r) => r.length !== expectedNames.length);
  if (badWidth !== -1) {
    // A row cut or merged by hand: name it, unless the chain already breaks before it.
    const before = rows.slice(0, badWidth);
    const check = verifyChain({ header, headerHash: first[2], entries: before.map((r) => r.slice(0, -1)), hashes: before.map((r) => r[r.length - 1]), expectedCount: before.length });
    if (!check.ok) return outcome(check, ExportFormat.timelineCsv, header, nameRow);
    return failed(ExportFormat.timelineCsv, workflowId, `dòng ${badWidth + 3} của tệp`, `số ô khác số cột (${rows[badWidth]!.length} thay vì ${expectedNames.length})`);
  }
  const check = verifyChain({
    header,
    headerHash: first[2],
    entries: rows.map((r) => r.slice(0, -1)),
    hashes: rows.map((r) => r[r.length - 1]),
    expectedCount: header.entryCount,
  });
  return outcome(check, ExportFormat.timelineCsv, header, nameRow);
}

/** A raw history export as served (`GET /api/v1/audit/workflows/{id}/history`). */
export const HistoryDocumentSchema = z.object({
  header: ExportHeaderSchema,
  headerHash: z.string(),
  events: z.array(z.record(z.string(), z.unknown())).describe('lịch sử Temporal nguyên gốc (định dạng JSON của Temporal)'),
  hashes: z.array(z.string()).describe('mã băm của từng sự kiện theo chuỗi'),
  head: z.string(),
});
