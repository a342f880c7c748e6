/** What the benchmark submits and who acts: people of the real directory, a realistic estimate. */
import path from 'node:path';
import { actorOf } from '../api/auth';
import { Directory } from '../catalog/directory';
import { militaryEstimate } from '../catalog/sample-estimate';
import type { Actor } from '../workflows/common/actor';
import type { AppraiseInput, ApproveInput, EstimateInput, RequestRevisionInput } from '../workflows/budget/messages';

export const directory = Directory.fromFile(path.resolve(__dirname, '../catalog/directory.json'));

/** The people of each step: a Military Command officer submits, the Finance Office appraises, a leader decides. */
export const people = { submitter: 'quan-bchqs', appraiser: 'hoa-tckh', leader: 'thep-dt' } as const;
export type Person = keyof typeof people;

export function actor(person: Person): Actor {
  const user = directory.user(people[person]);
  if (!user) throw new Error(`the directory has no user ${people[person]}`);
  return actorOf(user);
}

/** The Military Command's estimate for the anniversary: three lines, 36.500.000 đ. */
export const estimate: EstimateInput = militaryEstimate;

export const revisionRequest: RequestRevisionInput = { comments: 'Đề nghị tách chi phí băng rôn theo địa điểm treo.' };

export const appraisal: AppraiseInput = {
  lines: [
    { lineNo: 1, recommendedAmount: 20_000_000 },
    { lineNo: 2, recommendedAmount: 9_000_000, comment: 'Giảm đơn giá theo thị trường' },
    { lineNo: 3, recommendedAmount: 5_000_000 },
  ],
  opinion: 'Đủ điều kiện trình UBND huyện phê duyệt.',
};

export const approval: ApproveInput = { amount: 34_000_000, decisionNumber: '125/QĐ-UBND', decisionDate: '2024-03-15' };
