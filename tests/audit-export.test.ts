/**
 * Exports an inspector can trust (issue 5): the timeline as JSON and CSV and the raw history as JSON, each with
 * a SHA-256 digest chain. `npm run -s audit:verify` passes the files as served and names the first bad entry
 * of an edited one; a file whose chain was recomputed after an edit no longer matches the head that the
 * audit read log recorded when it was exported.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Client } from '@temporalio/client';
import { parseCsv, toCsv } from '../audit/csv';
import { chainOf } from '../audit/digest-chain';
import { verifyExport } from '../audit/export-format';
import { budgetWorkflowId, type BudgetState } from '../workflows/budget/messages';
import { militaryEstimate, type TestApi } from './support/api';
import { useService } from './support/service';
import { tempDir } from './support/temporal';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

let client: Client;
let api: TestApi;
let workflowId: string;
const dir = tempDir('audit-exports');
const files = { timeline: path.join(dir, 'timeline.json'), csv: path.join(dir, 'timeline.csv'), history: path.join(dir, 'history.json') };

/** Runs `npm run -s audit:verify -- <args>` (as tsx, without npm's start-up) and returns exit code and output. */
async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(TSX, ['scripts/audit-verify.ts', ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

const service = useService('audit-export');
beforeAll(async () => {
  ({ client, api } = service);

  const as = async (userId: string) => api.bearer(userId);
  const created = await request(api.app).post('/api/v1/budgets').set('Authorization', await as('quan-bchqs')).send(militaryEstimate);
  const id = (created.body as BudgetState).id;
  workflowId = budgetWorkflowId(id);
  await request(api.app)
    .post(`/api/v1/budgets/${id}/appraise`)
    .set('Authorization', await as('hoa-tckh'))
    .send({ lines: [1, 2, 3].map((lineNo) => ({ lineNo, recommendedAmount: 5_000_000 })), opinion: 'Đề nghị phê duyệt 15 triệu đồng.' })
    .expect(200);
  await request(api.app)
    .post(`/api/v1/budgets/${id}/approve`)
    .set('Authorization', await as('thep-dt'))
    .send({ amount: 15_000_000, decisionNumber: '140/QĐ-UBND', decisionDate: '2024-04-02' })
    .expect(200);
  await client.workflow.getHandle(workflowId).result();

  const auditor = await as('thanh-tt');
  const timeline = await request(api.app).get(`/api/v1/audit/workflows/${workflowId}/timeline`).set('Authorization', auditor).expect(200);
  // The submission names its plan as an official knows it, and nothing of how the case is configured.
  const start = (timeline.body.entries as Array<{ kind: string; details: string }>).find((e) => e.kind === 'started')!;
  expect(start.details).toContain('Kế hoạch: Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ');
  expect(start.details).not.toMatch(/bac-son-70-nam|lanh-dao|appraiser|Ngày thẩm định/);
  writeFileSync(files.timeline, timeline.text);
  const csv = await request(api.app).get(`/api/v1/audit/workflows/${workflowId}/timeline.csv`).set('Authorization', auditor);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(csv.headers['content-disposition']).toBe(`attachment; filename="dong-thoi-gian-${workflowId.replace(':', '_')}.csv"`);
  writeFileSync(files.csv, csv.text);
  const history = await request(api.app).get(`/api/v1/audit/workflows/${workflowId}/history`).set('Authorization', auditor).expect(200);
  writeFileSync(files.history, history.text);
});

test('the three exports, as served, pass verification', async () => {
  const result = await verify(files.timeline, files.csv, files.history);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`OK ${files.timeline}: bac-son-audit/timeline+json, ${workflowId}`);
  expect(result.stdout).toContain(`OK ${files.csv}: bac-son-audit/timeline+csv, ${workflowId}`);
  expect(result.stdout).toContain(`OK ${files.history}: bac-son-audit/history+json, ${workflowId}`);

  // The CSV opens in a spreadsheet: UTF-8 with a byte order mark, Vietnamese headings, one row per timeline entry.
  const csvText = readFileSync(files.csv, 'utf8');
  expect(csvText.startsWith('\uFEFF')).toBe(true);
  const records = parseCsv(csvText);
  const timeline = JSON.parse(readFileSync(files.timeline, 'utf8')) as { entries: Array<{ label: string }> };
  expect(records[1]!.slice(0, 5)).toEqual(['STT', 'Thời gian (giờ Việt Nam)', 'Thời điểm (UTC)', 'Loại', 'Thao tác']);
  expect(records.slice(2).map((r) => r[4])).toEqual(timeline.entries.map((e) => e.label));
  expect(records.slice(2).find((r) => r[4] === 'Phê duyệt')![11]).toContain('Số tiền: 15.000.000 đ');
});

test('an edited export fails verification, naming the first bad entry', async () => {
  // Timeline JSON: the approved amount changed in the approval entry.
  const timeline = JSON.parse(readFileSync(files.timeline, 'utf8')) as { entries: Array<{ seq: number; eventId: string; name: string; input: { amount?: number } }> };
  const approval = timeline.entries.find((e) => e.name === 'approve')!;
  approval.input.amount = 150_000_000;
  const editedTimeline = path.join(dir, 'timeline-edited.json');
  writeFileSync(editedTimeline, JSON.stringify(timeline, null, 2));

  // Timeline CSV: the same amount changed in the spreadsheet's text.
  const csvText = readFileSync(files.csv, 'utf8');
  expect(csvText).toContain('15.000.000 đ');
  const editedCsv = path.join(dir, 'timeline-edited.csv');
  writeFileSync(editedCsv, csvText.replace('Số tiền: 15.000.000 đ', 'Số tiền: 150.000.000 đ'));
  const csvRow = parseCsv(csvText).findIndex((r) => r[4] === 'Phê duyệt') + 1;

  // History JSON: the time of one event moved back by a day.
  const history = JSON.parse(readFileSync(files.history, 'utf8')) as { events: Array<{ eventId: string; eventTime: string }> };
  const moved = history.events[7]!;
  moved.eventTime = new Date(Date.parse(moved.eventTime) - 86_400_000).toISOString();
  const editedHistory = path.join(dir, 'history-edited.json');
  writeFileSync(editedHistory, JSON.stringify(history, null, 2));

  const result = await verify(editedTimeline, editedCsv, editedHistory);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`HỎNG ${editedTimeline}: mục thứ ${approval.seq}, STT ${approval.seq}, sự kiện ${approval.eventId}: nội dung hoặc mã băm đã bị sửa`);
  expect(result.stderr).toContain(`HỎNG ${editedCsv}: dòng ${csvRow} của tệp (STT ${approval.seq})`);
  expect(result.stderr).toContain(`HỎNG ${editedHistory}: sự kiện thứ 8 (eventId ${moved.eventId})`);
});

test('removing entries, or editing the header, is detected too', () => {
  const timeline = JSON.parse(readFileSync(files.timeline, 'utf8')) as { header: { exportedBy: { userId: string } }; entries: Array<{ hash: string }>; head: string };
  const truncated = { ...timeline, entries: timeline.entries.slice(0, -1), head: timeline.entries[timeline.entries.length - 2]!.hash };
  const cut = verifyExport(JSON.stringify(truncated));
  expect(cut).toMatchObject({ ok: false, reason: expect.stringContaining(`phần đầu ghi ${timeline.entries.length} mục nhưng tệp có ${timeline.entries.length - 1} mục`) });

  const reattributed = { ...timeline, header: { ...timeline.header, exportedBy: { ...timeline.header.exportedBy, userId: 'hung-nv' } } };
  expect(verifyExport(JSON.stringify(reattributed))).toMatchObject({ ok: false, where: 'phần đầu tệp' });

  const records = parseCsv(readFileSync(files.csv, 'utf8'));
  const swapped = [records[0]!, records[1]!, records[3]!, records[2]!, ...records.slice(4)];
  expect(verifyExport(toCsv(swapped))).toMatchObject({ ok: false, where: 'dòng 3 của tệp (STT 2)' });
});

test('an edit with the whole chain recomputed still fails against the head the read log recorded at export', async () => {
  const reads = await request(api.app).get('/api/v1/audit/reads').query({ target: workflowId, userId: 'thanh-tt' }).set('Authorization', await api.bearer('thanh-tt'));
  expect(reads.status).toBe(200);
  const timelineRead = (reads.body.items as Array<{ action: string; head?: string }>).find((r) => r.action === 'timeline')!;
  const original = JSON.parse(readFileSync(files.timeline, 'utf8')) as { header: object; headerHash: string; entries: Array<Record<string, unknown>>; head: string };
  expect(timelineRead.head).toBe(original.head);

  // Someone changes the approving leader and recomputes every hash, so the file is consistent by itself.
  const entries = original.entries.map(({ hash: _h, ...e }) => (e.name === 'approve' ? { ...e, actor: { ...(e.actor as object), userId: 'hung-nv' } } : e));
  const chain = chainOf(original.header, entries);
  const forged = path.join(dir, 'timeline-forged.json');
  writeFileSync(forged, JSON.stringify({ header: original.header, headerHash: chain.headerHash, entries: entries.map((e, i) => ({ ...e, hash: chain.hashes[i] })), head: chain.head }));

  expect((await verify(files.timeline, '--head', timelineRead.head!)).code).toBe(0);
  const result = await verify(forged, '--head', timelineRead.head!);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`HỎNG ${forged}: mã băm cuối ${chain.head} khác mã đã ghi trong nhật ký (${timelineRead.head})`);
});
