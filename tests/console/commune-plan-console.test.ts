/**
 * A commune's plan through the console: Nông Thị Lan of the office starts the campaign and sees its board; Hoàng Văn Khánh, the clerk of Long Đống commune, finds the plan in Việc của
 * tôi and sends it with its signed file (uploaded with progress); Vi Văn Sơn of the Military Command opens the
 * plan from a link (as from an email), reads and downloads the file, and accepts it. Before sending, the clerk
 * asks for more time and Dương Thị Thép grants it. Another commune's clerk cannot even see it.
 */
import { readFileSync } from 'node:fs';
import { localDate } from '../../catalog/calendar';
import { communePlanId } from '../../workflows/commune-plan/messages';
import { createTestApi, type TestApi } from '../support/api';
import { campaignSettings, planCopy } from '../support/campaign';
import { pdf } from '../support/pdf';
import { useService } from '../support/service';
import { calendar } from '../support/temporal';
import { formatDate } from '../../console/src/format';
import { eventually, openConsole, shot, signInAs, type ConsoleUnderTest } from './browser';

const service = useService('console-commune');
const plan = planCopy('console');
const longDong = communePlanId(plan.id, 'xa-long-dong');
const due = calendar.addWorkingDays(localDate(new Date()), 15);
const later = calendar.addWorkingDays(due, 5);
let api: TestApi;
let ui: ConsoleUnderTest;

describe('in the browser', () => {
  beforeAll(async () => {
    api = createTestApi(service.client, service.taskQueue, undefined, { campaigns: campaignSettings(plan, calendar) });
    ui = await openConsole(api.app);
  });
  afterAll(async () => {
    await ui?.close();
  });

  test('a commune sends its plan with the signed file, and the reviewer accepts it', async () => {
    const casePath = `/commune-plans/${longDong}`;
    const file = pdf(`long-dong-${Date.now()}`);

    // --- The office starts the campaign and watches its board fill up.
    const lan = await ui.person();
    await signInAs(lan, ui.base, 'lan-vp');
    await lan.getByRole('link', { name: 'Triển khai kế hoạch' }).click();
    await lan.getByLabel('Kế hoạch', { exact: true }).selectOption(plan.id);
    await lan.getByLabel('Hạn các xã gửi kế hoạch').fill(due);
    const reportDue = calendar.addWorkingDays(due, 10);
    await lan.getByLabel('Hạn các đơn vị báo cáo kết quả').fill(reportDue);
    await lan.getByRole('button', { name: 'Triển khai' }).click();
    await lan.waitForURL((u) => u.pathname === `/campaigns/${plan.id}`);
    await eventually(lan, async () => ((await lan.getByTestId('totals').textContent({ timeout: 5_000 }).catch(() => '')) ?? '').startsWith('18/18 xã đã bắt đầu'), 30_000);
    await expect(lan.getByTestId('board').locator('tbody tr').count()).resolves.toBe(18);
    await expect(lan.getByTestId('board').textContent()).resolves.toContain('UBND xã Long Đống');
    // A deadline counted over days off not announced yet is marked on the board, and only then: the communes'
    // deadline on each line, the agencies' one in the campaign's dates, with a note saying why.
    const provisional = calendar.isProvisional(due);
    const reportProvisional = calendar.isProvisional(reportDue);
    await expect(lan.getByTestId('board').locator('tbody tr', { hasText: 'UBND xã Long Đống' }).textContent()).resolves.toContain(provisional ? '(tạm tính)' : formatDate(due));
    await expect(lan.getByTestId('board').locator('.provisional').count()).resolves.toBe(provisional ? 18 : 0);
    await expect(lan.getByTestId('deadlines').textContent()).resolves.toContain(`hạn báo cáo ${formatDate(reportDue)}${reportProvisional ? ' (tạm tính)' : ';'}`);
    await expect(lan.getByTestId('provisional-note').count()).resolves.toBe(provisional || reportProvisional ? 1 : 0);
    await shot(lan, '09b-office-campaign-board');

    // --- The commune's clerk: the plan waits in Việc của tôi.
    const khanh = await ui.person();
    await signInAs(khanh, ui.base, 'khanh-xa-long-dong');
    const link = khanh.locator(`table.work a[href="${casePath}"]`);
    await eventually(khanh, async () => (await link.count()) > 0);
    await link.click();
    await khanh.waitForURL((url) => url.pathname === casePath);
    await khanh.getByRole('button', { name: 'Gửi kế hoạch' }).waitFor();
    await expect(khanh.getByTestId('status').textContent()).resolves.toBe('Chờ xã gửi kế hoạch');
    await expect(khanh.getByTestId('awaiting').textContent()).resolves.toBe('Công chức xã, thị trấn, UBND xã Long Đống');
    expect(await khanh.getByTestId('due').textContent()).toMatch(/^17:00 ngày \d{2}\/\d{2}\/\d{4} \(còn /);
    await expect(khanh.getByRole('button', { name: 'Chấp nhận' }).count()).resolves.toBe(0);

    // More time: the clerk asks, a date not after the deadline is refused beside it, the leadership grants.
    await khanh.getByLabel('Lý do xin gia hạn').fill('Chờ Hội đồng nhân dân xã họp thông qua');
    await khanh.getByLabel('Xin gia hạn đến ngày').fill(due);
    await khanh.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).click();
    await expect(khanh.locator('#f-requestedDate-error').textContent()).resolves.toMatch(/^phải sau hạn hiện tại \d{2}\/\d{2}\/\d{4}$/);
    await khanh.getByLabel('Xin gia hạn đến ngày').fill(later);
    await khanh.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).click();
    await khanh.getByText('Đã gửi đề nghị gia hạn tới lãnh đạo.').waitFor();
    await expect(khanh.getByRole('button', { name: 'Gửi đề nghị gia hạn' }).count()).resolves.toBe(0);
    const thep = await ui.person();
    await signInAs(thep, ui.base, 'thep-dt', casePath);
    await thep.getByRole('button', { name: 'Đồng ý gia hạn' }).waitFor();
    await expect(thep.getByLabel('Hạn mới').inputValue()).resolves.toBe(later);
    await expect(thep.getByRole('button', { name: 'Gửi kế hoạch' }).count()).resolves.toBe(0);
    await thep.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
    await thep.getByText('Đã đồng ý gia hạn.').waitFor();
    await expect(thep.getByTestId('extensions').textContent()).resolves.toContain(`Đồng ý, hạn mới ${formatDate(later)} (Dương Thị Thép)`);
    await khanh.reload();
    await khanh.getByRole('button', { name: 'Gửi kế hoạch' }).waitFor();
    expect(await khanh.getByTestId('due').textContent()).toMatch(new RegExp(`^17:00 ngày ${formatDate(later)} `));

    // The signer left out: refused beside the field, the rest kept.
    await khanh.getByLabel('Số, ký hiệu').fill('15/KH-UBND');
    await khanh.getByLabel('Trích yếu').fill('Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trên địa bàn xã Long Đống');
    await khanh.getByLabel('Tệp kế hoạch đã ký (PDF, DOCX…)').setInputFiles({ name: 'KH 15 xã Long Đống.pdf', mimeType: 'application/pdf', buffer: file });
    await khanh.getByRole('button', { name: 'Gửi kế hoạch' }).click();
    await expect(khanh.locator('#f-signer-error').textContent()).resolves.toBe('không được để trống');
    await expect(khanh.getByLabel('Số, ký hiệu').inputValue()).resolves.toBe('15/KH-UBND');
    // The file went up (its progress at the end) before the API refused the plan's fields.
    await expect(khanh.getByTestId('upload-progress').getAttribute('value')).resolves.toBe('1');
    await khanh.getByLabel('Người ký').fill('Hoàng Văn Lâm - Chủ tịch UBND xã');
    await khanh.getByRole('button', { name: 'Gửi kế hoạch' }).click();
    await khanh.getByText('Đã gửi kế hoạch của xã.').waitFor();
    await expect(khanh.getByTestId('status').textContent()).resolves.toBe('Đã gửi, chờ xem xét');
    await expect(khanh.getByTestId('submissions').textContent()).resolves.toContain('KH 15 xã Long Đống.pdf');
    await expect(khanh.getByTestId('awaiting').textContent()).resolves.toBe('Chuyên viên xem xét báo cáo, Ban Chỉ huy Quân sự huyện');
    await expect(khanh.getByRole('button', { name: 'Gửi kế hoạch' }).count()).resolves.toBe(0);
    await shot(khanh, '10-commune-plan-sent');

    // --- The same clerk on a phone: the page reads the same and fits the screen (nothing to scroll sideways).
    const phone = await ui.person({ width: 390, height: 844 });
    await signInAs(phone, ui.base, 'khanh-xa-long-dong', casePath);
    await expect(phone.getByTestId('status').textContent()).resolves.toBe('Đã gửi, chờ xem xét');
    await expect(phone.getByTestId('submissions').textContent()).resolves.toContain('KH 15 xã Long Đống.pdf');
    await expect(phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).resolves.toBe(true);
    await shot(phone, '10c-commune-plan-phone');

    // --- Another commune's clerk: the plan does not exist for her.
    const nga = await ui.person();
    await signInAs(nga, ui.base, 'nga-xa-bac-quynh', casePath);
    await expect(nga.getByRole('alert').textContent()).resolves.toBe('Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.');

    // --- The reviewer, from a link: download the file, refuse an empty return, accept.
    const son = await ui.person();
    await signInAs(son, ui.base, 'son-bchqs', casePath);
    await son.getByRole('button', { name: 'Chấp nhận' }).waitFor();
    const [download] = await Promise.all([son.waitForEvent('download'), son.getByRole('button', { name: 'KH 15 xã Long Đống.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('KH 15 xã Long Đống.pdf');
    expect(readFileSync(await download.path()).equals(file)).toBe(true);
    await son.getByRole('button', { name: 'Trả lại' }).click();
    await expect(son.locator('#f-comments-error').textContent()).resolves.toBe('không được để trống');
    await son.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Kế hoạch đầy đủ, đúng hướng dẫn.');
    await son.getByRole('button', { name: 'Chấp nhận' }).click();
    await son.getByText('Đã chấp nhận kế hoạch của xã.').waitFor();
    await expect(son.getByTestId('status').textContent()).resolves.toBe('Đã chấp nhận');
    await expect(son.getByTestId('awaiting').textContent()).resolves.toBe('Không còn ai (đã chấp nhận)');
    await expect(son.locator('section.actions').count()).resolves.toBe(0);
    await shot(son, '11-commune-plan-accepted');

    // --- Back on the office's board: Long Đống is accepted, the others still owe their plans.
    const longDongRow = lan.getByTestId('board').locator('tbody tr', { hasText: 'UBND xã Long Đống' });
    await eventually(lan, async () => ((await longDongRow.textContent()) ?? '').includes('Đã chấp nhận'));
    expect(await lan.getByTestId('totals').textContent()).toMatch(/chờ gửi 17 · đã gửi 0 · trả lại 0 · đã chấp nhận 1/);
  }, 120_000);

  // The campaign started above also gave each agency its assignment; this one is the Culture Centre's (item 3).
  test('an agency reports on its assignment with a document, and the reviewer returns then accepts it', async () => {
    const casePath = `/assignments/${plan.id}/3-ttvh`;
    const mai = await ui.person();
    await signInAs(mai, ui.base, 'mai-ttvh');
    const link = mai.locator(`table.work a[href="${casePath}"]`);
    await eventually(mai, async () => (await link.count()) > 0);
    await link.click();
    await mai.waitForURL((u) => u.pathname === casePath);
    await mai.getByRole('button', { name: 'Gửi báo cáo' }).waitFor();
    await expect(mai.getByTestId('status').textContent()).resolves.toBe('Chờ báo cáo');
    await expect(mai.getByRole('button', { name: 'Chấp nhận' }).count()).resolves.toBe(0);
    await mai.getByLabel('Kết quả thực hiện').fill('Tổ chức chương trình văn nghệ và lễ dâng hương tại Khu di tích');
    await mai.getByLabel('Số hoạt động, sự kiện đã tổ chức').fill('3');
    await mai.getByLabel('Số lượt người tham gia').fill('1.200');
    await mai.getByLabel('Kinh phí đã chi (đ)').fill('45.000.000');
    await mai.getByLabel('Tài liệu kèm theo (PDF, DOCX, XLSX, ảnh)').setInputFiles({ name: 'Báo cáo TTVH.pdf', mimeType: 'application/pdf', buffer: pdf(`ttvh-${Date.now()}`) });
    await mai.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await mai.getByText('Đã gửi báo cáo.').waitFor();
    await expect(mai.getByTestId('status').textContent()).resolves.toBe('Đã gửi báo cáo, chờ xem xét');
    await expect(mai.getByTestId('figure-1-peopleReached').textContent()).resolves.toBe('1.200');
    await expect(mai.getByTestId('figure-1-moneySpent').textContent()).resolves.toBe('45.000.000 đ');
    await expect(mai.getByTestId('report-1').textContent()).resolves.toContain('Báo cáo TTVH.pdf');

    const son = await ui.person();
    await signInAs(son, ui.base, 'son-bchqs', casePath);
    await son.getByRole('button', { name: 'Trả lại' }).waitFor();
    await son.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill('Bổ sung số suất quà đã trao');
    await son.getByRole('button', { name: 'Trả lại' }).click();
    await son.getByText('Đã trả lại báo cáo để bổ sung.').waitFor();
    await expect(son.getByRole('button', { name: 'Chấp nhận' }).count()).resolves.toBe(0);

    // The agency resubmits: the form comes filled with what it sent, the document kept.
    await mai.reload();
    await mai.getByRole('button', { name: 'Gửi báo cáo' }).waitFor();
    await mai.locator('section.callout', { hasText: 'Bổ sung số suất quà đã trao' }).waitFor();
    await expect(mai.getByLabel('Số lượt người tham gia').inputValue()).resolves.toBe('1.200');
    await mai.getByLabel('Số suất quà đã trao').fill('50');
    await mai.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await mai.getByText('Đã gửi báo cáo.').waitFor();
    await expect(mai.getByTestId('status').textContent()).resolves.toBe('Đã gửi lại, chờ xem xét');
    await expect(mai.getByTestId('report-2').textContent()).resolves.toContain('Báo cáo TTVH.pdf');

    await son.reload();
    await son.getByRole('button', { name: 'Chấp nhận' }).click();
    await son.getByText('Đã chấp nhận báo cáo.').waitFor();
    await expect(son.getByTestId('status').textContent()).resolves.toBe('Đã chấp nhận');
    await expect(son.getByTestId('acceptance').textContent()).resolves.toMatch(/^Đã chấp nhận lần 2: Vi Văn Sơn/);
    await shot(son, '13-assignment-report-accepted');
  }, 120_000);
});
