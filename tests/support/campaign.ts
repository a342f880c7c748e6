/**
 * Shortcuts for campaign and commune-plan tests: a plan of its own per test (campaign ids are plan ids, one
 * campaign per plan), the API's campaign settings, a real PDF, and the HTTP calls the people of a campaign make.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import request from 'supertest';
import { mintToken } from '../../api/auth';
import type { CampaignSettings } from '../../api/campaigns/routes';
import type { WorkingCalendar } from '../../catalog/calendar';
import type { Directory } from '../../catalog/directory';
import { loadPlan } from '../../catalog/plan-files';
import { type Plan } from '../../catalog/plan';
import type { z } from 'zod';
import type { BoardPageQuerySchema } from '../../api/campaigns/routes';
import type { Board } from '../../workflows/campaign/messages';

/** The board's query string: its filters and a page. */
type BoardQuery = z.input<typeof BoardPageQuerySchema>;
import type { DocumentRef } from '../../workflows/common/document';
import type { CommunePlanPolicy, CommunePlanState } from '../../workflows/commune-plan/messages';
import { AUDIENCE, ISSUER, type TestApi } from './api';

export const seedPlan: Plan = loadPlan(path.resolve(__dirname, '../../catalog/plans/bac-son-70-nam-dien-bien-phu.json'));

/** The seed plan under an id of its own, so each test runs its own campaign on the shared server. */
export function planCopy(tag: string): Plan {
  return { ...seedPlan, id: `${seedPlan.id}-${tag}-${randomBytes(3).toString('hex')}` };
}

export const defaultCommunePolicy: CommunePlanPolicy = { reviewerAgency: 'bchqs', reminderBefore: 1, escalateAfter: 0, resubmitDays: 5 };

export function campaignSettings(plan: Plan, calendar: WorkingCalendar, policy: Partial<CommunePlanPolicy> = {}, scale: CampaignSettings['scale'] = {}): CampaignSettings {
  return { plans: [plan], calendar, policy: { ...defaultCommunePolicy, ...policy }, scale };
}


/** The HTTP calls of a campaign, as the people of the directory make them. */
export function campaignApi(api: TestApi, directory: Directory) {
  const tokens = new Map<string, string>();
  const auth = async (userId: string): Promise<string> => {
    if (!directory.user(userId)) throw new Error(`no such user in the directory: ${userId}`);
    let token = tokens.get(userId);
    if (!token) {
      token = await mintToken({ secret: api.secret, issuer: ISSUER, audience: AUDIENCE, userId });
      tokens.set(userId, token);
    }
    return `Bearer ${token}`;
  };
  return {
    auth,
    start: async (body: object, userId = 'lan-vp') => request(api.app).post('/api/v1/campaigns').set('Authorization', await auth(userId)).send(body),
    board: async (campaignId: string, userId = 'thep-dt', filter: BoardQuery = {}) =>
      request(api.app).get(`/api/v1/campaigns/${campaignId}/board`).query(filter).set('Authorization', await auth(userId)),
    /** The board, failing the test unless it can be read. */
    boardOf: async (campaignId: string, userId = 'thep-dt', filter: BoardQuery = {}): Promise<Board> => {
      const res = await request(api.app).get(`/api/v1/campaigns/${campaignId}/board`).query(filter).set('Authorization', await auth(userId));
      if (res.status !== 200) throw new Error(`board: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Board;
    },
    /** Every line of the board, page after page (a national campaign's board answers a page at a time). */
    wholeBoardOf: async (campaignId: string, userId = 'thep-dt'): Promise<Board> => {
      let page: Board | undefined;
      let board: Board | undefined;
      do {
        const query = { pageSize: 1000, ...(page?.nextPageToken ? { pageToken: page.nextPageToken } : {}) };
        const res = await request(api.app).get(`/api/v1/campaigns/${campaignId}/board`).query(query).set('Authorization', await auth(userId));
        if (res.status !== 200) throw new Error(`board: ${res.status} ${JSON.stringify(res.body)}`);
        page = res.body as Board;
        board = board ? { ...page, communes: [...board.communes, ...page.communes], overdue: [...board.overdue, ...page.overdue] } : page;
      } while (page.nextPageToken);
      return board;
    },
    get: async (id: string, userId: string) => request(api.app).get(`/api/v1/commune-plans/${id}`).set('Authorization', await auth(userId)),
    act: async (id: string, action: string, userId: string, body: object) =>
      request(api.app).post(`/api/v1/commune-plans/${id}/${action}`).set('Authorization', await auth(userId)).send(body),
    download: async (id: string, userId: string, version?: number) =>
      request(api.app)
        .get(`/api/v1/commune-plans/${id}/document`)
        .query(version ? { version } : {})
        .set('Authorization', await auth(userId))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        }),
    upload: async (bytes: Buffer, filename: string, userId: string) =>
      request(api.app).post('/api/v1/documents').set('Authorization', await auth(userId)).attach('file', bytes, filename),
  };
}

/** A commune's plan as its officer sends it. */
export function submission(commune: string, document: DocumentRef, date: string) {
  return {
    number: `${12 + commune.length}/KH-UBND`,
    date,
    signer: 'Chủ tịch UBND xã',
    summary: `Kế hoạch tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ tại ${commune}`,
    document,
  };
}

export type { CommunePlanState };
