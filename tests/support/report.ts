/**
 * Seeding the consolidated report over HTTP, as the people of a campaign do it: the office starts the campaign
 * and waits for its assignments, agencies report and their reviewers accept, the office starts the report, and
 * the test waits for a given state. Shared by tests/report-flow.test.ts and the console's browser test.
 */
import mammoth from 'mammoth';
import request from 'supertest';
import { localDate } from '../../catalog/calendar';
import type { Plan } from '../../catalog/plan';
import type { ReportFigures } from '../../workflows/assignment/messages';
import type { Board } from '../../workflows/campaign/messages';
import type { ReportState } from '../../workflows/report/messages';
import type { TestApi } from './api';
import { eventually } from './budget-api';
import { campaignApi } from './campaign';
import { calendar, directory } from './temporal';

export const staffOf = (agency: string): string => directory.usersOf(agency, 'staff')[0]!.id;

/** Each agency reports figures of its own, so a wrong sum or a figure in the wrong row shows. */
export const figuresOf = (n: number): ReportFigures => ({
  eventsHeld: n + 1,
  peopleReached: 150 * n + 7,
  giftsGiven: 3 * n,
  giftsValue: 500_000 * n,
  moneySpent: 1_250_000 * n + 40_000,
});

/** The text of a .docx, read by a real parser (mammoth). */
export const docxText = async (bytes: Buffer): Promise<string> => (await mammoth.extractRawText({ buffer: bytes })).value;

export function reportSeeding(api: TestApi, people: ReturnType<typeof campaignApi> = campaignApi(api, directory)) {
  const today = localDate(new Date());
  const post = async (url: string, userId: string, body: object) => request(api.app).post(url).set('Authorization', await people.auth(userId)).send(body);
  const get = async (url: string, userId: string) => request(api.app).get(url).set('Authorization', await people.auth(userId));
  return {
    people,
    post,
    get,
    /** A document's bytes and type, as a person downloads it. */
    async download(url: string, userId: string): Promise<{ status: number; bytes: Buffer; type: string }> {
      const res = await request(api.app)
        .get(url)
        .set('Authorization', await people.auth(userId))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      return { status: res.status, bytes: res.body as Buffer, type: String(res.headers['content-type']) };
    },
    /** Starts a campaign of `plan` and waits until every assignment has started. */
    async startCampaign(plan: Plan): Promise<Board> {
      const res = await people.start({ planId: plan.id, communePlanDue: calendar.addWorkingDays(today, 15), reportDue: calendar.addWorkingDays(today, 30) });
      expect(res.status).toBe(201);
      return eventually(async () => {
        const board = await people.boardOf(plan.id);
        if (board.status === 'starting' || !board.assignments.every((a) => a.started)) throw new Error('still starting');
        return board;
      }, 30_000);
    },
    /**
     * The agency reports; its reviewer returns it once when `returnFirst`, then accepts. The reviewer is the
     * Military Command's, and for the Military Command's own report the leadership's.
     */
    async reportAndAccept(campaignId: string, number: number, agency: string, figures: ReportFigures, returnFirst = false): Promise<void> {
      const url = `/api/v1/assignments/${campaignId}/${number}-${agency}`;
      const reviewer = agency === 'bchqs' ? 'thep-dt' : 'son-bchqs';
      const submit = (f: ReportFigures) => post(`${url}/submit-report`, staffOf(agency), { narrative: `Kết quả thực hiện nhiệm vụ III.${number}.`, figures: f });
      if (returnFirst) {
        expect((await submit({ ...figures, moneySpent: figures.moneySpent + 999 })).status).toBe(200);
        expect((await post(`${url}/return`, reviewer, { comments: 'Đề nghị đối chiếu lại kinh phí đã chi.' })).status).toBe(200);
      }
      expect((await submit(figures)).status).toBe(200);
      expect((await post(`${url}/accept`, reviewer, {})).status).toBe(200);
    },
    /** The office starts the report. */
    async startReport(body: object): Promise<ReportState> {
      const res = await post('/api/v1/reports', 'lan-vp', body);
      expect(res.status).toBe(201);
      return res.body as ReportState;
    },
    /** Waits until the report is in `status` with at least `drafts` drafts. */
    async reportIn(id: string, status: ReportState['status'], drafts = 1): Promise<ReportState> {
      return eventually(async () => {
        const state = (await get(`/api/v1/reports/${id}`, 'thep-dt')).body as ReportState;
        if (state.status !== status || state.drafts.length < drafts) throw new Error(`report is ${state.status} with ${state.drafts.length} drafts`);
        return state;
      }, 60_000, 200);
    },
  };
}
