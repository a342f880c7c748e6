/**
 * The example commune's console (catalog/tenants/xa-vi-du): its office launches its own plan, addressed to its
 * offices and organisations and to no commune, and reads the board in Chromium, at an office PC's size and on
 * a phone. The page speaks of the commune, has no communes' section (no "0/0 xã",
 * no commune filter), and lists the five tasks of section III, each opening its report of results.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { localDate } from '../../catalog/calendar';
import { Directory } from '../../catalog/directory';
import { loadPlans } from '../../catalog/plan-files';
import { eventually as until } from '../support/budget-api';
import { campaignApi, defaultCommunePolicy } from '../support/campaign';
import { useService } from '../support/service';
import { calendar } from '../support/temporal';
import { openConsole, shot, signInAs, type ConsoleUnderTest } from './browser';

jest.setTimeout(120_000);

const TENANT = path.resolve(__dirname, '../../catalog/tenants/xa-vi-du');
const tenant = Directory.fromFile(path.join(TENANT, 'directory.json'));
const [tenantPlan] = loadPlans(path.join(TENANT, 'plans'));
const plan = { ...tenantPlan!, id: `${tenantPlan!.id}-${randomBytes(3).toString('hex')}` };

const service = useService('second-tenant-console', {
  directory: tenant,
  api: { campaigns: { plans: [plan], calendar, policy: { ...defaultCommunePolicy, reviewerAgency: tenant.data.parties.reviewer } } },
});
let ui: ConsoleUnderTest;

beforeAll(async () => {
  const people = campaignApi(service.api, tenant);
  const reportDue = calendar.addWorkingDays(localDate(new Date()), 15);
  expect((await people.start({ planId: plan.id, reportDue }, 'cuong-vp')).status).toBe(201);
  await until(async () => {
    const b = await people.boardOf(plan.id, 'cuong-vp');
    if (!b.assignments.every((a) => a.started)) throw new Error('assignments still starting');
  }, 30_000);
  ui = await openConsole(service.api.app);
});
afterAll(async () => {
  await ui?.close();
});

test("the commune's office reads the board of a plan addressed to no commune: its tasks, no communes' section", async () => {
  for (const [viewport, name] of [[{ width: 1366, height: 768 }, '30-tenant-board'], [{ width: 390, height: 844 }, '31-tenant-board-phone']] as const) {
    const page = await ui.person(viewport);
    await signInAs(page, ui.base, 'cuong-vp', `/campaigns/${plan.id}`);
    await page.getByTestId('assignments').waitFor();
    await page.locator('header').getByText('Kế hoạch · UBND xã Vĩ Dụ').waitFor();
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain(plan.title);
    // Only the report's deadline: the commune plans' has no place here.
    expect(await page.getByTestId('deadlines').textContent()).toMatch(/^Hạn báo cáo \d\d\/\d\d\/\d{4}/);
    // Nothing of communes: no totals, no filter, no table of communes.
    expect(await page.getByTestId('totals').count()).toBe(0);
    expect(await page.getByTestId('board').count()).toBe(0);
    expect(text).not.toMatch(/xã đã bắt đầu|Chỉ xã quá hạn|Xã, thị trấn|huyện/);
    const rows = await page.getByTestId('assignments').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('III.1');
    expect(rows[0]).toContain('Phòng Văn hóa - Xã hội');
    // On a phone the page fits the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await shot(page, name);
    // A task opens its report of results.
    await page.getByTestId('assignments').getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname.startsWith(`/assignments/${plan.id}/1-`));
    await page.getByTestId('status').waitFor();
  }
});
