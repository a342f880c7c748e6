/**
 * Authority through the console: Nguyễn Văn Hùng, the chairman, authorises the office's deputy head to decide
 * estimates for five days and sees it in force; the same scope again is refused beside the form with the
 * API's reason; the deputy head cannot revoke it, the chairman does, and the table says when and why. A deputy
 * sees no authorisation form (only the head authorises) but may record her absence.
 */
import { localDate } from '../../catalog/calendar';
import { eventually, openConsole, shot, signInAs, type ConsoleUnderTest } from './browser';
import { useService } from '../support/service';

const service = useService('console-authority');
let ui: ConsoleUnderTest;
const day = (offset: number): string => localDate(new Date(Date.now() + offset * 86_400_000));

describe('in the browser', () => {
  beforeAll(async () => {
    ui = await openConsole(service.api.app);
  });
  afterAll(async () => {
    await ui?.close();
  });

  test('the chairman authorises, a second authorisation of the same scope is refused, and he revokes it', async () => {
    const hung = await ui.person();
    await signInAs(hung, ui.base, 'hung-nv');
    await hung.getByRole('link', { name: 'Thẩm quyền ký' }).click();
    await hung.waitForURL((u) => u.pathname === '/authority');
    await hung.getByText('Chưa có ủy quyền, giao quyền hay lịch vắng mặt nào.').waitFor();

    const form = hung.locator('form', { has: hung.getByRole('heading', { name: 'Ủy quyền ký (TUQ.)' }) });
    const authorise = async () => {
      await form.getByLabel('Người được ủy quyền (mã người dùng)').fill('lan-vp');
      await form.getByLabel('Từ ngày').fill(day(0));
      await form.getByLabel('Đến ngày').fill(day(5));
      await form.getByLabel('Số văn bản ủy quyền').fill('15/GUQ-UBND');
      await form.getByRole('button', { name: 'Ghi ủy quyền' }).click();
    };
    // A term ending before it starts: the message beside "Đến ngày" of this form, not of the absence's below.
    await form.getByLabel('Người được ủy quyền (mã người dùng)').fill('lan-vp');
    await form.getByLabel('Từ ngày').fill(day(1));
    await form.getByLabel('Đến ngày').fill(day(0));
    await form.getByLabel('Số văn bản ủy quyền').fill('15/GUQ-UBND');
    await form.getByRole('button', { name: 'Ghi ủy quyền' }).click();
    await expect(hung.locator('#f-delegation-validTo-error').textContent()).resolves.toBe('trước ngày bắt đầu');
    await expect(hung.locator('#f-absence-validTo-error').count()).resolves.toBe(0);

    await authorise();
    const records = hung.getByTestId('authority-records');
    await records.waitFor();
    const first = records.locator('tbody tr').first();
    await expect(first.textContent()).resolves.toContain('Ủy quyền (TUQ.)');
    await expect(first.textContent()).resolves.toContain('15/GUQ-UBND');
    await expect(first.getByTestId('in-force').textContent()).resolves.toBe('Đang có hiệu lực');
    await shot(hung, '20-authority-delegation');

    // The same scope in the same term: the API's reason above the form, nothing recorded.
    await authorise();
    await eventually(hung, async () => ((await form.locator('.error').textContent().catch(() => '')) ?? '').includes('Trùng phạm vi và thời gian với ủy quyền số 15/GUQ-UBND'));
    await expect(records.locator('tbody tr').count()).resolves.toBe(1);

    // A deputy: no authorisation form, but her absence.
    const thep = await ui.person();
    await signInAs(thep, ui.base, 'thep-dt', '/authority');
    await thep.getByRole('heading', { name: 'Lịch vắng mặt của lãnh đạo' }).waitFor();
    await expect(thep.getByRole('heading', { name: 'Ủy quyền ký (TUQ.)' }).count()).resolves.toBe(0);

    // The office's deputy head may not revoke it; the chairman does, with his reason.
    const lan = await ui.person();
    await signInAs(lan, ui.base, 'lan-vp', '/authority');
    const lanRow = lan.getByTestId('authority-records').locator('tbody tr').first();
    await lanRow.getByLabel('Lý do').fill('Không cần nữa');
    await lanRow.getByRole('button', { name: 'Kết thúc' }).click();
    await eventually(lan, async () => ((await lanRow.locator('.error').textContent().catch(() => '')) ?? '').includes('Chỉ Chủ tịch thu hồi ủy quyền'));

    await first.getByLabel('Lý do').fill('Chủ tịch đã về');
    await first.getByRole('button', { name: 'Kết thúc' }).click();
    await eventually(hung, async () => ((await first.getByTestId('in-force').textContent()) ?? '').startsWith('Đã kết thúc'));
    await expect(first.getByTestId('in-force').textContent()).resolves.toContain('Nguyễn Văn Hùng: Chủ tịch đã về');
  });
});
