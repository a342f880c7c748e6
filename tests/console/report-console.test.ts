/**
 * The report to the province through the console: two agencies have reported and the reporting deadline has
 * passed, so the report is compiled and waits for the leadership. Nông Thị Lan of the office opens it from the
 * campaign's board, reads the figures and downloads the draft; Dương Thị Thép returns it with a comment; the
 * office edits the narrative (a refused number first) and a second draft follows; Thép approves and the report
 * goes to the province; the office's page, left open, is refused with the reason; the inspector reads the
 * audit's read log.
 */
import { readFileSync } from 'node:fs';
import { localDate } from '../../catalog/calendar';
import { formatNumber } from '../../console/src/format';
import { createTestApi, type TestApi } from '../support/api';
import { campaignSettings, planCopy } from '../support/campaign';
import { reportSeeding } from '../support/report';
import { useService } from '../support/service';
import { calendar } from '../support/temporal';
import { eventually, openConsole, shot, signInAs, type ConsoleUnderTest } from './browser';

jest.setTimeout(180_000);

const service = useService('console-report');
const plan = planCopy('console-report');
const reportPath = `/reports/${plan.id}`;
let api: TestApi;
let ui: ConsoleUnderTest;

describe('in the browser', () => {
  beforeAll(async () => {
    api = createTestApi(service.client, service.taskQueue, undefined, { campaigns: campaignSettings(plan, calendar), documents: service.documents });
    // Seeded over HTTP: the Military Command and the Culture centre report and are accepted; the deadline is past.
    const seed = reportSeeding(api);
    const board = await seed.startCampaign(plan);
    const reporting = board.assignments.filter((a) => a.agency === 'bchqs' || a.agency === 'ttvh');
    expect(reporting).toHaveLength(2);
    for (const a of reporting) await seed.reportAndAccept(plan.id, a.number, a.agency, { eventsHeld: 4, peopleReached: 1200, giftsGiven: 10, giftsValue: 5_000_000, moneySpent: 7_500_000 });
    await seed.startReport({ campaignId: plan.id, reportDue: calendar.subtractWorkingDays(localDate(new Date()), 2) });
    await seed.reportIn(plan.id, 'awaiting_approval');
    ui = await openConsole(api.app);
  });
  afterAll(async () => {
    await ui?.close();
  });

  test('the office reads and edits the draft, the leader returns then approves it, the inspector reads the read log', async () => {
    // --- The office opens the report from the campaign's board and reads the compiled figures.
    const lan = await ui.person();
    await signInAs(lan, ui.base, 'lan-vp', `/campaigns/${plan.id}`);
    await lan.getByRole('link', { name: 'Báo cáo UBND tỉnh' }).click();
    await lan.waitForURL((u) => u.pathname === reportPath);
    await expect(lan.getByTestId('status').textContent()).resolves.toBe('Chờ lãnh đạo duyệt');
    // The leadership, named once ("Lãnh đạo UBND huyện", not "Lãnh đạo, Lãnh đạo UBND huyện").
    await lan.getByTestId('awaiting').filter({ hasText: /^Lãnh đạo UBND huyện$/ }).waitFor();
    // Each agency's row names the plan's item that gave it its task; one item (III.13) gives several.
    const rows = await lan.getByTestId('agencies').locator('tbody tr td:first-child').allTextContents();
    expect(rows[0]).toBe('III.1');
    expect(rows.filter((r) => r === 'III.13').length).toBeGreaterThan(1);
    await expect(lan.getByTestId('total-eventsHeld').textContent()).resolves.toBe('8');
    await expect(lan.getByTestId('total-peopleReached').textContent()).resolves.toBe(formatNumber(2400));
    await expect(lan.getByTestId('total-moneySpent').textContent()).resolves.toBe('15.000.000 đ');
    // The deadline passed with nine agencies unreported: they are listed as missing.
    await expect(lan.getByTestId('missing-agencies').textContent()).resolves.toMatch(/chưa bắt đầu|chờ báo cáo/);
    await expect(lan.getByTestId('budgets').textContent()).resolves.toContain('Cộng');
    // The office may edit, not approve.
    await expect(lan.getByRole('button', { name: 'Duyệt và gửi UBND tỉnh' }).count()).resolves.toBe(0);
    await lan.getByRole('button', { name: 'Lưu và lập dự thảo mới' }).waitFor();
    await shot(lan, '20-report-office');
    const [docx] = await Promise.all([lan.waitForEvent('download'), lan.getByTestId('draft-1').getByRole('button').click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(readFileSync(await docx.path()).subarray(0, 2).toString('latin1')).toBe('PK');

    // --- The leader returns the draft: an empty comment is refused beside the field, then with a comment.
    const thep = await ui.person();
    await signInAs(thep, ui.base, 'thep-dt', reportPath);
    await thep.getByRole('button', { name: 'Trả lại dự thảo' }).click();
    await expect(thep.locator('.decide .field-error').textContent()).resolves.toBeTruthy();
    const comment = 'Đề nghị bổ sung đánh giá công tác tuyên truyền ở các xã.';
    await thep.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill(comment);
    await thep.getByRole('button', { name: 'Trả lại dự thảo' }).click();
    await thep.getByText('Đã trả lại dự thảo cho Văn phòng.').waitFor();
    await expect(thep.getByTestId('status').textContent()).resolves.toBe('Lãnh đạo trả lại, Văn phòng chỉnh sửa');
    await expect(thep.getByRole('button', { name: 'Duyệt và gửi UBND tỉnh' }).count()).resolves.toBe(0);

    // --- The office sees the leader's words and edits the narrative; a number with letters is refused beside it.
    await lan.reload();
    await expect(lan.getByTestId('last-return').textContent()).resolves.toContain(comment);
    const narrative = 'Các cơ quan, đơn vị đã tổ chức nhiều hoạt động thiết thực.\n\nCông tác tuyên truyền ở các xã được đẩy mạnh.';
    await lan.getByLabel(/Phần đánh giá/).fill(narrative);
    await lan.getByLabel(/Số văn bản/).fill('35a');
    await lan.getByRole('button', { name: 'Lưu và lập dự thảo mới' }).click();
    await expect(lan.locator('.edit-narrative .field-error').textContent()).resolves.toBe('số văn bản là chữ số');
    await expect(lan.getByLabel(/Phần đánh giá/).inputValue()).resolves.toBe(narrative);
    await lan.getByLabel(/Số văn bản/).fill('35');
    await lan.getByRole('button', { name: 'Lưu và lập dự thảo mới' }).click();
    await lan.getByTestId('draft-2').waitFor({ timeout: 30_000 });
    await expect(lan.getByTestId('status').textContent()).resolves.toBe('Chờ lãnh đạo duyệt');
    await expect(lan.getByTestId('drafts').textContent()).resolves.toContain('số 35/BC-UBND');
    await shot(lan, '21-report-redrafted');

    // --- The leader approves draft 2: the report goes to the province.
    await thep.reload();
    await thep.getByRole('button', { name: 'Duyệt và gửi UBND tỉnh' }).click();
    await thep.getByTestId('sent').waitFor({ timeout: 30_000 });
    await expect(thep.getByTestId('status').textContent()).resolves.toBe('Đã gửi UBND tỉnh');
    await expect(thep.getByTestId('sent').textContent()).resolves.toMatch(/dự thảo lần 2, tới .*@/);
    await expect(thep.getByTestId('sent').textContent()).resolves.toContain('Mã thư');
    await expect(thep.getByTestId('approval').textContent()).resolves.toContain('Dương Thị Thép');
    await shot(thep, '22-report-sent');

    // --- The office's page, still open with the form, is refused with the reason; no form is left.
    await lan.getByRole('button', { name: 'Lưu và lập dự thảo mới' }).click();
    await expect(lan.getByTestId('refused').textContent()).resolves.toContain('Báo cáo đã gửi UBND tỉnh; không thể thay đổi');
    await expect(lan.getByTestId('status').textContent()).resolves.toBe('Đã gửi UBND tỉnh');
    await expect(lan.getByRole('button', { name: 'Lưu và lập dự thảo mới' }).count()).resolves.toBe(0);

    // --- The inspector searches the audit, then reads the read log, where that search is listed.
    const thanh = await ui.person();
    await signInAs(thanh, ui.base, 'thanh-tt', '/audit');
    await thanh.getByTestId('audit-results').waitFor();
    await thanh.getByRole('link', { name: 'Nhật ký truy cập' }).click();
    await thanh.waitForURL((u) => u.pathname === '/audit/reads');
    // A read of the log is recorded as it is served, so it shows from the next look on.
    const reads = async () => (await thanh.getByTestId('reads').textContent({ timeout: 5_000 }).catch(() => '')) ?? '';
    await eventually(thanh, async () => (await reads()).includes('Tìm kiếm hồ sơ') && (await reads()).includes('Xem nhật ký truy cập'));
    expect(await reads()).toContain('Trần Thị Thanh (Thanh tra viên, Thanh tra huyện)');
    await shot(thanh, '23-audit-read-log');
  });
});
