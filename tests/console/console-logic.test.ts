/**
 * The console's own logic, in Node: money, dates and times as officials write them, the estimate form's live
 * amounts and total, and how a refusal is split into messages beside fields.
 */
import { dueIn, formatDate, formatDateTime, formatDong, formatPlanReference, todayInVietnam } from '../../console/src/format';
import { estimateBody, estimateTotal, lineAmount, parseWhole } from '../../console/src/estimate';
import { fieldMessages, plainMessage } from '../../console/src/problems';
import { consolePathOf, consolePathOfWorkflow } from '../../console/src/labels';

describe('money and dates', () => {
  test('đồng with dots between thousands and " đ"', () => {
    expect(formatDong(30_500_000)).toBe('30.500.000 đ');
    expect(formatDong(0)).toBe('0 đ');
    expect(formatDong(999)).toBe('999 đ');
    expect(formatDong(1_000)).toBe('1.000 đ');
    expect(formatDong(10_000_000_000_000)).toBe('10.000.000.000.000 đ');
  });

  test('an instant as "17:00 ngày 09/12/2026" in Vietnam time, whatever the zone of the machine', () => {
    expect(formatDateTime('2026-12-09T10:00:00.000Z')).toBe('17:00 ngày 09/12/2026');
    // 17:30 UTC is already the next day in Hà Nội (UTC+7).
    expect(formatDateTime('2026-12-31T17:30:00Z')).toBe('00:30 ngày 01/01/2027');
    expect(formatDate('2026-12-09')).toBe('09/12/2026');
    expect(todayInVietnam(new Date('2026-12-01T18:00:00Z'))).toBe('2026-12-02');
  });

  test('how far a deadline is, overdue or not', () => {
    const now = new Date('2026-12-09T10:00:00Z');
    expect(dueIn('2026-12-12T10:00:00Z', now)).toBe('còn 3 ngày');
    expect(dueIn('2026-12-09T13:00:00Z', now)).toBe('còn 3 giờ');
    expect(dueIn('2026-12-07T09:00:00Z', now)).toBe('quá hạn 2 ngày');
  });

  test("a plan's number and symbol; a number left blank at issue is said, not shown as a lone slash", () => {
    expect(formatPlanReference('15/KH-UBND')).toBe('15/KH-UBND');
    expect(formatPlanReference('/KH-UBND')).toBe('KH-UBND (chưa ghi số)');
  });
});

describe('the estimate form', () => {
  test('whole numbers as typed, with or without dots between thousands; anything else is not a number', () => {
    expect(parseWhole('30.500.000')).toBe(30_500_000);
    expect(parseWhole(' 350000 ')).toBe(350_000);
    expect(parseWhole('1 000')).toBe(1_000);
    for (const bad of ['', '1,5', '12a', '-3']) expect(parseWhole(bad)).toBeNaN();
  });

  test('each amount is quantity × unit price and the total their sum, as the service computes them', () => {
    const lines = [
      { quantity: '20', unitPrice: '1.000.000' },
      { quantity: '30', unitPrice: '350.000' },
      { quantity: '1', unitPrice: '6.000.000' },
    ];
    expect(lines.map(lineAmount)).toEqual([20_000_000, 10_500_000, 6_000_000]);
    expect(formatDong(estimateTotal(lines))).toBe('36.500.000 đ');
    // A half-typed line counts for nothing until it is a number.
    expect(lineAmount({ quantity: '2', unitPrice: '' })).toBeNull();
    expect(estimateTotal([...lines, { quantity: '2', unitPrice: 'abc' }])).toBe(36_500_000);
  });

  test('the body sent: numbers where typed as numbers, the rest as typed so the API names the field', () => {
    const body = estimateBody({
      title: 'Dự toán',
      planId: '',
      note: ' ',
      lines: [{ description: 'Băng rôn', activity: 'II.1.a', quantity: '30', unit: 'chiếc', unitPrice: '350,5' }],
    });
    expect(body).toEqual({ title: 'Dự toán', lines: [{ description: 'Băng rôn', activity: 'II.1.a', quantity: 30, unit: 'chiếc', unitPrice: '350,5' }] });
  });
});

describe('refusals as people read them', () => {
  test('a 400 puts each message beside its field, without the "body." prefix', () => {
    const { byField, other } = fieldMessages({
      status: 400,
      errors: [
        { field: 'body.lines.0.unitPrice', message: 'phải là số nguyên (đồng)' },
        { field: 'body.title', message: 'không được để trống' },
        { field: 'amount', message: 'số phê duyệt 40.000.000 đ vượt số thẩm định 36.500.000 đ' },
      ],
    });
    expect(byField).toEqual({ 'lines.0.unitPrice': 'phải là số nguyên (đồng)', title: 'không được để trống', amount: 'số phê duyệt 40.000.000 đ vượt số thẩm định 36.500.000 đ' });
    expect(other).toEqual([]);
  });

  test('403 and 409 in plain Vietnamese, with the API\'s reason', () => {
    expect(plainMessage({ status: 409, title: 'Không thực hiện được ở trạng thái hiện tại', detail: 'Không thể thẩm định: dự toán đang ở trạng thái "Chờ lãnh đạo quyết định"' })).toBe(
      'Không thực hiện được vì hồ sơ đã thay đổi trạng thái. Lý do: Không thể thẩm định: dự toán đang ở trạng thái "Chờ lãnh đạo quyết định"',
    );
    expect(plainMessage({ status: 403, title: 'Không có quyền', detail: 'Không có quyền' })).toBe('Bạn không có quyền thực hiện thao tác này.');
    // A detail that only repeats the sentence is not said twice.
    expect(plainMessage({ status: 404, title: 'Không tìm thấy', detail: 'Không tìm thấy hồ sơ' })).toBe('Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.');
  });

  test('links to cases open the console page of their kind', () => {
    expect(consolePathOf('/api/v1/budgets/DT-2026-1A2B3C4D')).toBe('/budgets/DT-2026-1A2B3C4D');
    expect(consolePathOf('/api/v1/commune-plans/bac-son-70-nam.xa-long-dong')).toBe('/commune-plans/bac-son-70-nam.xa-long-dong');
    expect(consolePathOf('/api/v1/assignments/bac-son-70-nam/3-ttvh')).toBe('/assignments/bac-son-70-nam/3-ttvh');
    expect(consolePathOfWorkflow('assignment:bac-son-70-nam:3-ttvh')).toBe('/assignments/bac-son-70-nam/3-ttvh');
    expect(consolePathOf('/api/v1/reports/x')).toBe('/reports/x');
    expect(consolePathOfWorkflow('report:bac-son-70-nam')).toBe('/reports/bac-son-70-nam');
    expect(consolePathOf('/api/v1/notifications')).toBeNull();
    expect(consolePathOfWorkflow('commune-plan:bac-son-70-nam.xa-long-dong')).toBe('/commune-plans/bac-son-70-nam.xa-long-dong');
    expect(consolePathOfWorkflow('budget:DT-2026-1A2B3C4D')).toBe('/budgets/DT-2026-1A2B3C4D');
  });
});
