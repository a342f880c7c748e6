/**
 * A budget estimate through the console, as the real people of the directory: Hoàng Văn Quân (staff, Military
 * Command) fills in the form and submits; Lý Thị Hoa (appraiser, Finance Office) appraises line by line; Dương Thị
 * Thép (Vice-Chairwoman) approves. Each screen is checked for what the person would look at, including the
 * refusals: a field the API refuses shows its message beside it and keeps what was typed; an action someone else
 * made impossible meanwhile says why in plain Vietnamese.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { verifyExport } from '../../audit/export-format';
import { eventually, openConsole, shot, signInAs, type ConsoleUnderTest } from './browser';
import request from 'supertest';
import { useService } from '../support/service';
import { militaryEstimate } from '../support/api';
import { readOutbox } from '../support/temporal';

const service = useService('console-browser');

/** Polls until `find` returns something (the email follows the submission by a moment). */
async function waitFor<T>(find: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('not found in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
let ui: ConsoleUnderTest;

// Inside a describe, so the browser closes before the service stops (an open page still calls the API).
describe('in the browser', () => {
beforeAll(async () => {
  ui = await openConsole(service.api.app);
});
afterAll(async () => {
  await ui?.close();
});

const DUE = /^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} \(còn /;

async function fillLine(page: Page, n: number, line: { description: string; activity: string; quantity: string; unit: string; unitPrice: string }) {
  await page.getByLabel(`Nội dung dòng ${n}`).fill(line.description);
  await page.getByLabel(`Hoạt động dòng ${n}`).selectOption(line.activity);
  await page.getByLabel(`Số lượng dòng ${n}`).fill(line.quantity);
  await page.getByLabel(`Đơn vị tính dòng ${n}`).fill(line.unit);
  await page.getByLabel(`Đơn giá dòng ${n}`).fill(line.unitPrice);
}

test('an estimate from the staff\'s form through a revision, the appraisal and the approval', async () => {
  // --- Staff of the Military Command: the form, amounts and total as they type.
  const quan = await ui.person();
  await quan.goto(`${ui.base}/budgets/new`);
  await quan.waitForURL(/\/sign-in\?next=%2Fbudgets%2Fnew$/);
  await quan.getByText('Chế độ cục bộ (dùng thử):').waitFor();
  await quan.locator('button[data-user="quan-bchqs"]').waitFor();
  // The header names the tenant (GET /api/v1/issuer, before anyone signs in).
  await quan.locator('header .brand', { hasText: 'UBND huyện Bắc Sơn' }).waitFor();
  await expect(quan.locator('header .brand').textContent()).resolves.toBe('Kế hoạch · UBND huyện Bắc Sơn');
  await shot(quan, '00-sign-in-local-mode');
  await signInAs(quan, ui.base, 'quan-bchqs', '/budgets/new');
  await expect(quan.getByTestId('signed-in-as').textContent()).resolves.toBe('Hoàng Văn Quân · Chuyên viên, Ban Chỉ huy Quân sự huyện');
  const title = 'Dự toán kinh phí tổ chức kỷ niệm 70 năm Chiến thắng Điện Biên Phủ';
  await quan.getByLabel('Tên dự toán').fill(title);
  await fillLine(quan, 1, { description: 'Thăm, tặng quà gia đình chính sách', activity: 'II.2.a', quantity: '20', unit: 'suất', unitPrice: '1.000.000' });
  await expect(quan.getByTestId('amount-1').textContent()).resolves.toBe('20.000.000 đ');
  await quan.getByRole('button', { name: 'Thêm dòng' }).click();
  await fillLine(quan, 2, { description: 'Băng rôn, khẩu hiệu tuyên truyền', activity: 'II.1.a', quantity: '30', unit: 'chiếc', unitPrice: '350000' });
  await quan.getByRole('button', { name: 'Thêm dòng' }).click();
  // The third line's description is left empty: the API names the field, and nothing typed is lost.
  await fillLine(quan, 3, { description: '', activity: 'II.1.a', quantity: '1', unit: 'buổi', unitPrice: '6.000.000' });
  await expect(quan.getByTestId('amount-2').textContent()).resolves.toBe('10.500.000 đ');
  await expect(quan.getByTestId('total').textContent()).resolves.toBe('36.500.000 đ');
  await quan.getByRole('button', { name: 'Gửi thẩm định' }).click();
  await expect(quan.locator('#f-lines-2-description-error').textContent()).resolves.toBe('không được để trống');
  await expect(quan.getByLabel('Nội dung dòng 3').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(quan.getByLabel('Tên dự toán').inputValue()).resolves.toBe(title);
  await expect(quan.getByLabel('Đơn giá dòng 1').inputValue()).resolves.toBe('1.000.000');
  await shot(quan, '01-staff-form-refused-field');
  await quan.getByLabel('Nội dung dòng 3').fill('Tọa đàm, gặp mặt nhân chứng lịch sử');
  await quan.getByRole('button', { name: 'Gửi thẩm định' }).click();
  await quan.waitForURL(/\/budgets\/DT-\d{4}-[0-9A-F]{8,12}$/);
  const casePath = new URL(quan.url()).pathname;
  await expect(quan.getByTestId('status').textContent()).resolves.toBe('Đang thẩm định');
  await expect(quan.getByTestId('awaiting').textContent()).resolves.toBe('Chuyên viên thẩm định, Phòng Tài chính - Kế hoạch');
  await quan.getByTestId('due').waitFor();
  expect(await quan.getByTestId('due').textContent()).toMatch(DUE);
  await expect(quan.getByTestId('requested-total').textContent()).resolves.toBe('36.500.000 đ');
  // The staff may withdraw, never appraise or approve.
  await expect(quan.getByRole('button', { name: 'Rút dự toán' }).count()).resolves.toBe(1);
  await expect(quan.getByRole('button', { name: 'Thẩm định' }).count()).resolves.toBe(0);
  await expect(quan.getByRole('button', { name: 'Phê duyệt' }).count()).resolves.toBe(0);
  await shot(quan, '02-staff-case-submitted');

  // --- The Finance Office: the estimate waits in Việc của tôi; first a revision is asked for.
  const hoa = await ui.person();
  await signInAs(hoa, ui.base, 'hoa-tckh');
  // Other suites of the run may submit estimates of the same title: this one is found by its link.
  const link = hoa.locator(`table.work a[href="${casePath}"]`);
  await eventually(hoa, async () => (await link.count()) > 0);
  await expect(link.textContent()).resolves.toBe(title);
  const row = hoa.locator('table.work tbody tr', { has: hoa.locator(`a[href="${casePath}"]`) });
  expect(await row.locator('td.due').textContent()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}còn /);
  await shot(hoa, '03-appraiser-my-work');
  await link.click();
  await hoa.waitForURL((url) => url.pathname === casePath);
  await hoa.getByRole('button', { name: 'Yêu cầu chỉnh sửa' }).waitFor();
  await hoa.getByLabel(/Ý kiến thẩm định/).fill('Đơn giá băng rôn cao hơn giá thị trường; đề nghị rà soát lại.');
  await hoa.getByRole('button', { name: 'Yêu cầu chỉnh sửa' }).click();
  await hoa.getByText('Đã gửi yêu cầu chỉnh sửa.').waitFor();
  await expect(hoa.getByTestId('status').textContent()).resolves.toBe('Yêu cầu chỉnh sửa');
  await expect(hoa.getByTestId('awaiting').textContent()).resolves.toBe('Chuyên viên, Ban Chỉ huy Quân sự huyện');

  // --- The staff read the comments and resubmit: the form comes filled with version 1.
  await quan.reload();
  await quan.getByRole('button', { name: 'Gửi lại' }).waitFor();
  await quan.locator('section.callout', { hasText: 'Đơn giá băng rôn cao hơn giá thị trường; đề nghị rà soát lại.' }).waitFor();
  await expect(quan.getByLabel('Đơn giá dòng 2').inputValue()).resolves.toBe('350.000');
  await quan.getByLabel('Đơn giá dòng 2').fill('300.000');
  await expect(quan.getByTestId('total').textContent()).resolves.toBe('35.000.000 đ');
  await quan.getByRole('button', { name: 'Gửi lại' }).click();
  await quan.getByText('Đã gửi lại dự toán.').waitFor();
  await expect(quan.getByTestId('status').textContent()).resolves.toBe('Đang thẩm định');
  // What changed between the rounds, line by line.
  await expect(quan.getByTestId('change-2').textContent()).resolves.toBe('đã sửa; phiên bản 1: 30 chiếc × 350.000 đ = 10.500.000 đ');
  await expect(quan.getByTestId('change-1').count()).resolves.toBe(0);
  await expect(quan.getByTestId('total-change').textContent()).resolves.toBe('Tổng phiên bản 1: 36.500.000 đ');
  await shot(quan, '02b-staff-resubmitted');

  // --- A second appraiser opens the case too; by the time she acts, it will have moved on.
  const minh = await ui.person();
  await signInAs(minh, ui.base, 'minh-tckh', casePath);
  await minh.getByRole('button', { name: 'Thẩm định', exact: true }).waitFor();

  // --- The Finance Office appraises version 2 line by line; she may not decide.
  await hoa.reload();
  await hoa.getByRole('button', { name: 'Thẩm định', exact: true }).waitFor();
  await expect(hoa.getByRole('button', { name: 'Phê duyệt' }).count()).resolves.toBe(0);
  // Above the requested amount: the API refuses, the message sits beside the line.
  await hoa.getByLabel('Số đề nghị dòng 1').fill('25.000.000');
  await hoa.getByLabel('Số đề nghị dòng 2').fill('8.000.000');
  await hoa.getByLabel('Nhận xét dòng 2').fill('Giảm theo đơn giá thị trường');
  await hoa.getByLabel(/Ý kiến thẩm định/).fill('Đề nghị phê duyệt theo số thẩm định');
  await hoa.getByRole('button', { name: 'Thẩm định', exact: true }).click();
  await expect(hoa.locator('#f-lines-0-recommendedAmount-error').textContent()).resolves.toBe('số đề nghị 25.000.000 đ vượt số dự toán 20.000.000 đ');
  await expect(hoa.getByLabel('Nhận xét dòng 2').inputValue()).resolves.toBe('Giảm theo đơn giá thị trường');
  await hoa.getByLabel('Số đề nghị dòng 1').fill('20.000.000');
  await expect(hoa.getByTestId('recommended-total').textContent()).resolves.toBe('34.000.000 đ');
  await shot(hoa, '04-appraiser-form');
  await hoa.getByRole('button', { name: 'Thẩm định', exact: true }).click();
  await hoa.getByText('Đã thẩm định; hồ sơ chuyển lãnh đạo quyết định.').waitFor();
  await expect(hoa.getByTestId('status').textContent()).resolves.toBe('Chờ lãnh đạo quyết định');
  await expect(hoa.getByTestId('appraised-total').textContent()).resolves.toBe('34.000.000 đ');
  await expect(hoa.getByRole('button', { name: 'Thẩm định', exact: true }).count()).resolves.toBe(0);

  // --- The other appraiser's stale page: refused, and told why in plain Vietnamese.
  await minh.getByLabel(/Ý kiến thẩm định/).fill('Đồng ý');
  await minh.getByRole('button', { name: 'Thẩm định', exact: true }).click();
  await expect(minh.getByTestId('refused').textContent()).resolves.toBe(
    'Không thực hiện được vì hồ sơ đã thay đổi trạng thái. Lý do: Không thể thẩm định: dự toán đang ở trạng thái "Chờ lãnh đạo quyết định"',
  );
  await expect(minh.getByTestId('status').textContent()).resolves.toBe('Chờ lãnh đạo quyết định');
  await shot(minh, '05-refused-stale-appraisal');

  // --- The Vice-Chairwoman: the bell, then the decision.
  const thep = await ui.person();
  await signInAs(thep, ui.base, 'thep-dt');
  // A unit named for its role is not preceded by it again ("Lãnh đạo, Lãnh đạo UBND huyện").
  await expect(thep.getByTestId('signed-in-as').textContent()).resolves.toBe('Dương Thị Thép · Lãnh đạo UBND huyện');
  await eventually(thep, async () => Number(await thep.getByTestId('unread-count').textContent()) > 0, 20_000);
  await thep.getByRole('button', { name: /^Thông báo: \d+ chưa đọc$/ }).click();
  await thep.locator('#notifications').getByText(/Dự toán|dự toán/).first().waitFor();
  await shot(thep, '06-leader-bell');
  await thep.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await thep.getByTestId('unread-count').filter({ hasText: /^0$/ }).waitFor();
  await thep.goto(`${ui.base}${casePath}`);
  await thep.getByRole('button', { name: 'Phê duyệt', exact: true }).waitFor();
  await expect(thep.getByTestId('status').textContent()).resolves.toBe('Chờ lãnh đạo quyết định');
  await expect(thep.getByRole('button', { name: 'Trả lại thẩm định' }).count()).resolves.toBe(1);
  await expect(thep.getByRole('button', { name: 'Không phê duyệt' }).count()).resolves.toBe(1);
  await expect(thep.getByLabel('Số tiền phê duyệt (đ)').inputValue()).resolves.toBe('34.000.000');
  // More than appraised: refused beside the amount; the decision number typed stays.
  await thep.getByLabel('Số tiền phê duyệt (đ)').fill('40.000.000');
  await thep.getByLabel('Số quyết định').fill('125/QĐ-UBND');
  await thep.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await expect(thep.locator('#f-amount-error').textContent()).resolves.toBe('số phê duyệt 40.000.000 đ vượt số thẩm định 34.000.000 đ');
  await expect(thep.getByLabel('Số quyết định').inputValue()).resolves.toBe('125/QĐ-UBND');
  await thep.getByLabel('Số tiền phê duyệt (đ)').fill('34.000.000');
  await thep.getByLabel('Ngày quyết định').fill('2026-12-09');
  await thep.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
  await thep.getByText('Đã phê duyệt dự toán.').waitFor();
  await expect(thep.getByTestId('status').textContent()).resolves.toBe('Đã phê duyệt');
  await expect(thep.getByTestId('decision').textContent()).resolves.toBe('Phê duyệt 34.000.000 đ theo Quyết định số 125/QĐ-UBND ngày 09/12/2026 (KT. Chủ tịch, Phó Chủ tịch Dương Thị Thép)');
  await expect(thep.getByTestId('awaiting').textContent()).resolves.toBe('Không còn ai (hồ sơ đã kết thúc)');
  await expect(thep.locator('section.actions').count()).resolves.toBe(0);
  // The history, in the plan's terms: who did what.
  const timeline = thep.getByTestId('timeline');
  await timeline.getByText('Phê duyệt', { exact: true }).waitFor();
  for (const who of ['Hoàng Văn Quân', 'Lý Thị Hoa', 'Dương Thị Thép']) expect(await timeline.textContent()).toContain(who);
  await shot(thep, '07-leader-approved');

  // --- Back to the staff: the approval is on the page, and nothing is left to do.
  await quan.reload();
  await quan.getByTestId('decision').waitFor();
  await expect(quan.getByTestId('status').textContent()).resolves.toBe('Đã phê duyệt');
  await expect(quan.getByRole('button', { name: 'Rút dự toán' }).count()).resolves.toBe(0);

  // --- The inspector: the audit search finds the estimate, its timeline says who did what, and the CSV
  // downloaded from the page passes the digest check that `npm run -s audit:verify` runs.
  const thanh = await ui.person();
  await signInAs(thanh, ui.base, 'thanh-tt');
  await thanh.getByRole('link', { name: 'Kiểm tra' }).click();
  // The case is named as officials name it (its workflow id only in the link's title).
  const caseName = `Dự toán ${casePath.split('/').pop()}`;
  const found = thanh.getByRole('link', { name: caseName, exact: true });
  await eventually(thanh, async () => {
    // (each try reloads the page, so the filters are set again)
    await thanh.getByLabel('Loại hồ sơ').selectOption('budgetEstimateWorkflow');
    await thanh.getByLabel('Đơn vị').selectOption('bchqs');
    // Approved ones only: other test files on the same server submit estimates of the Military Command too.
    await thanh.getByLabel('Trạng thái (mã, vd. in_appraisal)').fill('approved');
    await thanh.getByRole('button', { name: 'Tìm' }).click();
    await thanh.getByTestId('audit-results').or(thanh.getByText('Không có hồ sơ nào.')).first().waitFor();
    const row = thanh.locator('[data-testid="audit-results"] tr', { has: thanh.getByRole('link', { name: caseName, exact: true }) });
    return (await row.count()) > 0 && (await row.textContent())!.includes('Đã phê duyệt');
  });
  await shot(thanh, '08-inspector-audit-search');
  await found.click();
  await thanh.getByTestId('audit-timeline').waitFor();
  const steps = (await thanh.getByTestId('audit-timeline').textContent())!;
  for (const step of ['Gửi dự toán để thẩm định', 'Yêu cầu chỉnh sửa dự toán', 'Gửi lại (phiên bản mới)', 'Thẩm định', 'Phê duyệt']) expect(steps).toContain(step);
  expect(steps).toContain('Dương Thị Thép (Lãnh đạo UBND huyện)');
  expect(steps).not.toContain('Lãnh đạo, Lãnh đạo');
  // The seed plan's number was left blank for the hand: said so, not shown as "/KH-UBND".
  expect(steps).toContain('KH-UBND (chưa ghi số)');
  expect(steps).not.toContain('(/KH-UBND)');
  const [csv] = await Promise.all([thanh.waitForEvent('download'), thanh.getByRole('button', { name: 'Tải CSV (Excel)' }).click()]);
  const verified = verifyExport(readFileSync(await csv.path(), 'utf8'));
  expect(verified).toMatchObject({ ok: true, workflowId: `budget:${casePath.split('/').pop()}` });
  await shot(thanh, '09-inspector-timeline');

  // --- Sign-out ends the session: the page asks for sign-in again.
  await quan.getByRole('button', { name: 'Đăng xuất' }).click();
  await quan.waitForURL(/\/sign-in/);
  await quan.goto(`${ui.base}${casePath}`);
  await quan.waitForURL(/\/sign-in\?next=/);
}, 120_000);

test('the link in an email opens the case in the console, after sign-in', async () => {
  const created = await request(service.api.app).post('/api/v1/budgets').set('Authorization', await service.api.bearer('binh-bchqs')).send(militaryEstimate);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const mail = await waitFor(async () => (await readOutbox(service.outbox)).find((m) => m.subject.includes(id) && m.subject.endsWith('Dự toán mới cần thẩm định')));
  const link = /Xem chi tiết: (\S+)/.exec(mail.text)?.[1];
  expect(link).toBe(`http://localhost:3000/budgets/${id}`);
  // The mail carries the deployment's address (PUBLIC_URL); here the console listens elsewhere, same path.
  const path = new URL(link!).pathname;
  const hoa = await ui.person();
  await signInAs(hoa, ui.base, 'hoa-tckh', path);
  await hoa.getByText(id).first().waitFor();
  // The appraiser lands where she acts: the appraisal form is offered.
  await expect(hoa.getByRole('button', { name: 'Thẩm định', exact: true }).count()).resolves.toBe(1);
  await shot(hoa, 'budget-from-email-link');
}, 60_000);

test('an estimate whose answer was lost, sent again: the same estimate, not a second one', async () => {
  const binh = await ui.person();
  await signInAs(binh, ui.base, 'binh-bchqs', '/budgets/new');
  const title = 'Dự toán gửi lại khi mất kết nối';
  await binh.getByLabel('Tên dự toán').fill(title);
  await fillLine(binh, 1, { description: 'Cờ Tổ quốc', activity: 'II.1.a', quantity: '10', unit: 'lá', unitPrice: '120000' });
  // The first answer is lost on its way back: the API made the estimate, the browser hears nothing.
  let lost = 0;
  await binh.route('**/api/v1/budgets', async (route) => {
    if (route.request().method() !== 'POST' || lost++ > 0) return route.fallback();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await binh.getByRole('button', { name: 'Gửi thẩm định' }).click();
  await binh.getByText('Không kết nối được hệ thống').waitFor();
  await shot(binh, 'budget-form-no-answer');
  await expect(binh.getByLabel('Tên dự toán').inputValue()).resolves.toBe(title);
  await binh.getByRole('button', { name: 'Gửi thẩm định' }).click();
  await binh.waitForURL(/\/budgets\/DT-\d{4}-/);
  const listed = await request(service.api.app).get('/api/v1/budgets?pageSize=100').set('Authorization', await service.api.bearer('binh-bchqs'));
  const mine = (listed.body.items as Array<{ id: string; title: string }>).filter((b) => b.title === title);
  expect(mine.map((b) => b.id)).toEqual([binh.url().split('/').pop()]);
}, 60_000);
});