/**
 * Uploading documents through HTTP: each accepted kind (made here as a small real file) is stored by its
 * SHA-256 and recognised by content, whatever its name; anything else, or anything too large, is refused
 * with nothing stored; the same bytes twice are one file.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import request from 'supertest';
import { pdf } from './support/pdf';
import type { Client } from '@temporalio/client';
import { Readable } from 'node:stream';
import { ACCEPTED_DOCUMENT_TYPES, createDocumentStore } from '../activities/document-store';
import { attachProblems, NOT_ATTACHABLE } from '../api/documents/attach';
import { createTestApi, DEFAULT_DOCUMENT_MAX_BYTES, type TestApi } from './support/api';
import { docx, executable, jpeg, png, storedZip, xlsx } from './support/sample-files';
import { useService } from './support/service';
import { tempDir } from './support/temporal';

let client: Client;
let api: TestApi;

// Uploads and downloads need no worker.
const service = useService('documents', { worker: false });
beforeAll(() => {
  ({ client, api } = service);
});

// --- Helpers ----------------------------------------------------------------------------------------

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const storedFiles = (): string[] => {
  try {
    return readdirSync(api.documents.dir).sort();
  } catch {
    return [];
  }
};

async function upload(bytes: Buffer, filename: string, userId = 'quan-bchqs') {
  return request(api.app).post('/api/v1/documents').set('Authorization', await api.bearer(userId)).attach('file', bytes, filename);
}

// --- Tests ------------------------------------------------------------------------------------------

test('each accepted kind is stored under its SHA-256 and typed by its content', async () => {
  const files: Array<[Buffer, string, string]> = [
    [pdf(), 'Kế hoạch số 15-KH-UBND.pdf', ACCEPTED_DOCUMENT_TYPES.pdf],
    [await docx(), 'Kế hoạch xã Vũ Lăng.docx', ACCEPTED_DOCUMENT_TYPES.docx],
    [xlsx(), 'Bảng kết quả.xlsx', ACCEPTED_DOCUMENT_TYPES.xlsx],
    [jpeg(), 'anh-le-dang-huong.jpg', 'image/jpeg'],
    [png(), 'pano-tuyen-truyen.png', 'image/png'],
  ];
  for (const [bytes, filename, contentType] of files) {
    const res = await upload(bytes, filename, 'khanh-xa-long-dong');
    expect({ filename, status: res.status }).toEqual({ filename, status: 201 });
    expect(res.body).toEqual({ sha256: sha256(bytes), filename, contentType, size: bytes.length });
    const stored = await api.documents.readDocument(sha256(bytes));
    expect(stored?.bytes.equals(bytes)).toBe(true);
    expect(stored?.metadata).toMatchObject({ sha256: sha256(bytes), filename, contentType, size: bytes.length });
  }
});

test('a Word document named .pdf is stored as the Word document it is', async () => {
  const bytes = await docx();
  const res = await upload(bytes, 'ke-hoach.pdf');
  expect(res.status).toBe(201);
  expect(res.body.contentType).toBe(ACCEPTED_DOCUMENT_TYPES.docx);
});

test('an executable named .pdf is refused, naming what it is, and nothing is stored', async () => {
  const before = storedFiles();
  const res = await upload(executable(), 'bao-cao.pdf');
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.detail).toContain('application/x-msdownload');
  expect(res.body.errors).toEqual([{ field: 'file', message: expect.stringContaining('.exe') }]);
  expect(storedFiles()).toEqual(before);
  expect(await api.documents.readDocument(sha256(executable()))).toBeUndefined();
});

test('a plain zip archive is refused', async () => {
  const before = storedFiles();
  const res = await upload(storedZip([['bao-cao.txt', 'Báo cáo kết quả']]), 'bao-cao.xlsx');
  expect(res.status).toBe(400);
  expect(res.body.detail).toContain('application/zip');
  expect(storedFiles()).toEqual(before);
});

test('a file over the limit is refused with 413 and nothing is stored', async () => {
  const before = storedFiles();
  const big = Buffer.concat([pdf(), Buffer.alloc(DEFAULT_DOCUMENT_MAX_BYTES + 1 - pdf().length, 0x20)]);
  expect(big.length).toBe(20 * 1024 * 1024 + 1);
  const res = await upload(big, 'ho-so-day-du.pdf');
  expect(res.status).toBe(413);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(storedFiles()).toEqual(before);

  // Exactly at the limit is accepted.
  const atLimit = big.subarray(0, DEFAULT_DOCUMENT_MAX_BYTES);
  const ok = await upload(atLimit, 'ho-so-vua-du.pdf');
  expect(ok.status).toBe(201);
  expect(ok.body.size).toBe(DEFAULT_DOCUMENT_MAX_BYTES);
});

test('the same bytes uploaded by two agencies give the same reference and one stored file, owned by both', async () => {
  const bytes = Buffer.concat([pdf(), Buffer.from('% ban sao duy nhat\n')]);
  const before = storedFiles();
  const first = await upload(bytes, 'bao-cao.pdf', 'quan-bchqs');
  const second = await upload(bytes, 'bao-cao.pdf', 'tuan-vhtt');
  expect(first.status).toBe(201);
  expect(second.status).toBe(201);
  expect(second.body).toEqual(first.body);
  const added = storedFiles().filter((f) => !before.includes(f));
  expect(added.sort()).toEqual([sha256(bytes), `${sha256(bytes)}.json`, `${sha256(bytes)}.owner.bchqs`, `${sha256(bytes)}.owner.vhtt`]);
  expect(await api.documents.uploadedBy(sha256(bytes), 'bchqs')).toBe(true);
  expect(await api.documents.uploadedBy(sha256(bytes), 'ldtbxh')).toBe(false);
});

test('an upload needs a signed-in person, a multipart body and a file in the field "file"', async () => {
  const anonymous = await request(api.app).post('/api/v1/documents').attach('file', pdf(), 'a.pdf');
  expect(anonymous.status).toBe(401);

  const json = await request(api.app).post('/api/v1/documents').set('Authorization', await api.bearer('quan-bchqs')).send({ file: 'abc' });
  expect(json.status).toBe(415);

  const noFile = await request(api.app).post('/api/v1/documents').set('Authorization', await api.bearer('quan-bchqs')).field('note', 'không có tệp');
  expect(noFile.status).toBe(400);
  expect(noFile.body.errors).toEqual([{ field: 'file', message: 'bắt buộc' }]);

  const wrongField = await request(api.app).post('/api/v1/documents').set('Authorization', await api.bearer('quan-bchqs')).attach('tep', pdf(), 'a.pdf');
  expect(wrongField.status).toBe(400);
  expect(wrongField.body.errors[0].field).toBe('tep');
});

test('the OpenAPI document describes the upload as multipart/form-data', async () => {
  const res = await request(api.app).get('/api/v1/openapi.json');
  const op = res.body.paths['/api/v1/documents'].post;
  expect(Object.keys(op.requestBody.content)).toEqual(['multipart/form-data']);
  expect(op.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
  expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '413']));
});

test('only staff and commune officers upload: the auditor, the leadership, appraisers and reviewers are refused (403) and nothing is stored', async () => {
  for (const userId of ['thanh-tt', 'thep-dt', 'hoa-tckh', 'son-bchqs', 'lan-vp']) {
    const bytes = Buffer.concat([pdf(), Buffer.from(`% ${userId}\n`)]);
    const res = await upload(bytes, 'a.pdf', userId);
    expect([userId, res.status]).toEqual([userId, 403]);
    expect(await api.documents.readDocument(sha256(bytes))).toBeUndefined();
  }
});

test('each agency has a quota: an upload past it is refused (413) and nothing is kept; bytes it already holds cost nothing more', async () => {
  const dir = tempDir('documents-quota');
  const documents = createDocumentStore({ dir, maxBytes: DEFAULT_DOCUMENT_MAX_BYTES, quotaBytes: 5_000 });
  const quotaApi = createTestApi(client, service.taskQueue, undefined, { documents });
  const send = async (bytes: Buffer, userId: string) =>
    request(quotaApi.app).post('/api/v1/documents').set('Authorization', await quotaApi.bearer(userId)).attach('file', bytes, 'bien-ban.pdf');
  const padded = (tag: string) => Buffer.concat([pdf(), Buffer.alloc(3_000 - pdf().length, tag)]);
  const [first, second] = [padded('a'), padded('b')];

  expect((await send(first, 'quan-bchqs')).status).toBe(201);
  const over = await send(second, 'quan-bchqs');
  expect(over.status).toBe(413);
  expect(over.body.detail).toContain('hạn mức');
  expect(await documents.readDocument(sha256(second))).toBeUndefined();
  expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  // The same bytes again take no more room; another agency has a quota of its own.
  expect((await send(first, 'binh-bchqs')).status).toBe(201);
  expect((await send(second, 'tuan-vhtt')).status).toBe(201);
  expect(await documents.usageOf('bchqs')).toBe(3_000);
  expect(await documents.usageOf('vhtt')).toBe(3_000);
});

test('an upload no case references is removed after the retention period; attached ones and the service’s own documents stay', async () => {
  const dir = tempDir('documents-retention');
  const documents = createDocumentStore({ dir, maxBytes: DEFAULT_DOCUMENT_MAX_BYTES });
  const actor = { userId: 'khanh-xa-long-dong', name: 'Khánh', agency: 'xa-long-dong', role: 'commune_officer' as const };
  const attached = await documents.receiveUpload(Readable.from([Buffer.concat([pdf(), Buffer.from('% gui kem ke hoach\n')])]), 'Kế hoạch xã.pdf', 'xa-long-dong');
  const forgotten = await documents.receiveUpload(Readable.from([Buffer.concat([pdf(), Buffer.from('% tai len nhung khong gui\n')])]), 'Bản nháp.pdf', 'xa-long-dong');
  const report = await documents.putDocument(await docx(), 'Báo cáo gửi tỉnh.docx');
  // Attaching checks the reference and marks it referenced, before the case records it.
  expect(await attachProblems(documents, actor, [{ ref: attached, field: 'body.document' }])).toEqual([]);

  // Within the retention period nothing goes.
  expect(await documents.removeUnreferenced(new Date(Date.now() - 30 * 86_400_000))).toEqual([]);
  // Past it, only the forgotten upload goes, with its description and owner marks.
  expect(await documents.removeUnreferenced(new Date(Date.now() + 1_000))).toEqual([forgotten.sha256]);
  expect(await documents.readDocument(forgotten.sha256)).toBeUndefined();
  expect(readdirSync(dir).filter((f) => f.startsWith(forgotten.sha256))).toEqual([]);
  expect((await documents.readDocument(attached.sha256))?.metadata.filename).toBe('Kế hoạch xã.pdf');
  expect(await documents.readDocument(report.sha256)).toBeDefined();
  // Removed means gone: it can no longer be attached either.
  expect(await attachProblems(documents, actor, [{ ref: forgotten, field: 'body.document' }])).toEqual([{ field: 'body.document', message: NOT_ATTACHABLE }]);
});
