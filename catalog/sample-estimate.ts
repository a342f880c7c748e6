/**
 * The Military Command's estimate for the anniversary (three lines, 36.500.000 đ), as the README's walkthrough
 * submits it: the one sample the tests, the recorded histories and the benchmark all submit.
 */
import type { EstimateInput } from '../workflows/budget/messages';

export const militaryEstimate: EstimateInput = {
  title: 'Dự toán kinh phí tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ',
  planId: 'bac-son-70-nam-dien-bien-phu',
  lines: [
    { description: 'Thăm, tặng quà gia đình chính sách tham gia chiến dịch Điện Biên Phủ', activity: 'II.4', quantity: 20, unit: 'suất', unitPrice: 1_000_000 },
    { description: 'Băng rôn, khẩu hiệu tuyên truyền', activity: 'II.1', quantity: 30, unit: 'chiếc', unitPrice: 350_000 },
    { description: 'Tọa đàm, gặp mặt nhân chứng lịch sử', activity: 'II.3', quantity: 1, unit: 'buổi', unitPrice: 6_000_000 },
  ],
  note: 'Kinh phí theo Kế hoạch của UBND huyện',
};
