/** The real Express app on the run's dev server, with a signing key of its own and tokens for directory users. */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { createDocumentStore, type DocumentStore } from '../../activities/document-store';
import { createApp, type AppDeps } from '../../api/app';
import { loadConfig } from '../../config/env';
import { mintToken } from '../../api/auth';
import type { BudgetPolicy } from '../../workflows/budget/messages';
import { directory, tempDir } from './temporal';

export const ISSUER = 'bac-son-plan';
export const AUDIENCE = 'bac-son-plan-api';

/** The configured default of DOCUMENT_MAX_BYTES (20 MiB). */
export const DEFAULT_DOCUMENT_MAX_BYTES = loadConfig({}).DOCUMENT_MAX_BYTES;

export const defaultPolicy: BudgetPolicy = { appraisalDays: 5, revisionDays: 5, decisionDays: 3, reminderBefore: 1 };

export interface TestApi {
  app: Express;
  secret: Uint8Array;
  /** The app's document store: the one given in `overrides`, else a fresh folder with the default size limit. */
  documents: DocumentStore;
  /** `Authorization` header value for a user of the directory. */
  bearer(userId: string): Promise<string>;
}

/** `overrides` replaces any of the app's dependencies (e.g. `http` limits, a `logger`). */
export function createTestApi(client: Client, taskQueue: string, policy: BudgetPolicy = defaultPolicy, overrides: Partial<AppDeps> = {}): TestApi {
  const secret = randomBytes(32);
  const documents = overrides.documents ?? createDocumentStore({ dir: tempDir('documents'), maxBytes: DEFAULT_DOCUMENT_MAX_BYTES });
  const app = createApp({ client, directory, taskQueue, budgetPolicy: policy, auth: { issuer: ISSUER, audience: AUDIENCE, secret }, ...overrides, documents });
  const tokens = new Map<string, string>();
  return {
    app,
    secret,
    documents,
    async bearer(userId: string) {
      if (!(overrides.directory ?? directory).user(userId)) throw new Error(`no such user in the directory: ${userId}`);
      let token = tokens.get(userId);
      if (!token) {
        token = await mintToken({ secret, issuer: ISSUER, audience: AUDIENCE, userId });
        tokens.set(userId, token);
      }
      return `Bearer ${token}`;
    },
  };
}

/** A realistic estimate of the Military Command for the anniversary (three lines, 36.500.000 đ). */
export { militaryEstimate } from '../../catalog/sample-estimate';

/** The Finance Office's appraisal of that estimate (31.000.000 đ: the banners cut to 6.000.000 đ, the meeting to 5.000.000 đ). */
export const financeAppraisal = {
  lines: [
    { lineNo: 1, recommendedAmount: 20_000_000 },
    { lineNo: 2, recommendedAmount: 6_000_000, comment: 'Giảm đơn giá theo thị trường' },
    { lineNo: 3, recommendedAmount: 5_000_000 },
  ],
  opinion: 'Đủ điều kiện trình UBND huyện phê duyệt.',
};
