/**
 * The one place that reads `process.env`. Parsed with zod at start; every problem is reported at once.
 */
import { z } from 'zod';
import path from 'node:path';

const int = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

export const EnvSchema = z.object({
  /** Temporal frontend address. */
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Task queue shared by every worker of the service. */
  TASK_QUEUE: z.string().min(1).default('bac-son-plan'),
  /**
   * Task queue of the campaigns (one per issued plan), polled by a Worker of its own in every worker process so
   * that a campaign's board and its starting of thousands of children do not queue behind those children's
   * tasks; `TASK_QUEUE-campaigns` by default. Set to TASK_QUEUE, campaigns run with everything else.
   */
  CAMPAIGN_TASK_QUEUE: z.string().min(1).optional(),
  /** Port of the HTTP API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Base URL the API is reached at (used in emails and Location headers). */
  PUBLIC_URL: z.string().url().optional(),
  /** Runtime data: SQLite file of the dev server, outbox, documents, signing key. */
  DATA_DIR: z.string().min(1).default('data'),
  /** Directory of agencies, communes and users. */
  DIRECTORY_FILE: z.string().min(1).default('catalog/directory.json'),
  /** Public holidays and swapped working days, per year. */
  HOLIDAYS_FILE: z.string().min(1).default('catalog/holidays.json'),
  /** Issued plans, one JSON file each, that campaigns can be started for. */
  PLANS_DIR: z.string().min(1).default('catalog/plans'),
  /** SMTP connection URL (smtp://user:pass@host:587). Empty: messages go to DATA_DIR/outbox as .eml files. */
  SMTP_URL: z.string().optional(),
  /** Sender of every email. Empty: the tenant's own, `issuer.mailFrom` of the directory. */
  MAIL_FROM: z.string().min(3).optional(),
  /**
   * Mail domains an agency's extra addresses may be in, comma-separated (e.g. `langson.gov.vn,bacson.langson.gov.vn`).
   * Empty: the domains of the directory's addresses. The office may allow an address outside them, case by case.
   */
  MAIL_DOMAINS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((d) => d.trim().toLowerCase()).filter(Boolean)),
  /** Local HS256 signing key (file, created on first use) — used when no JWKS URL is set. */
  JWT_SECRET_FILE: z.string().optional(),
  /** Production sign-in: the OpenID Connect provider's JWKS URL, issuer and audience. */
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('bac-son-plan'),
  JWT_AUDIENCE: z.string().default('bac-son-plan-api'),
  /**
   * The console's sign-in with the provider (OpenID Connect authorization code flow with PKCE): its client id
   * there, and the scopes asked for. Used with JWT_JWKS_URL; JWT_ISSUER is then the provider's issuer URL.
   */
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_SCOPE: z.string().min(1).max(500).default('openid profile'),
  /** Longest lifetime a token may have (exp − iat), in seconds: longer-lived tokens are refused. Default 24 h. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(30 * 86_400).default(86_400),
  /** Working days each budget stage may take, and how many working days before a deadline the reminder goes out. */
  BUDGET_APPRAISAL_DAYS: int(5),
  BUDGET_REVISION_DAYS: int(5),
  BUDGET_DECISION_DAYS: int(3),
  REMINDER_WORKING_DAYS_BEFORE: int(1),
  /** Agency whose reviewers accept or return the communes' own plans. */
  COMMUNE_PLAN_REVIEWER_AGENCY: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /** Working days after a commune's deadline that it (and, in one digest, the leadership and the office) is escalated; 0: at the deadline. */
  COMMUNE_PLAN_ESCALATE_AFTER_DAYS: int(0),
  /** Working days a returned commune plan has to come back, when its deadline is nearer than that. */
  COMMUNE_PLAN_RESUBMIT_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * Workflows the worker keeps in memory between tasks (others replay their history when they next have work).
   * Bounded: a province-scale campaign (2,000 commune plans and as many inboxes) crashed the worker process with
   * the SDK's default (about 2,300 on a 4 GB heap) and ran with 500 (tests/campaign-scale.test.ts).
   */
  /**
   * Milliseconds a campaign's board, once read from the campaign, is served again without asking it (and five
   * times that while one refresh is in flight); each answer says when it was read (readAt). 0: every read asks.
   */
  BOARD_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(500),
  /** Largest document accepted for upload, in bytes (default 20 MiB). */
  DOCUMENT_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Bytes of uploads each agency may keep; 0: no quota. Default 1 GiB. */
  DOCUMENT_QUOTA_BYTES: int(1024 * 1024 * 1024),
  /** Days an upload that no case references is kept before it is removed; 0: kept for good. */
  DOCUMENT_RETENTION_DAYS: int(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Browser origins allowed to call the API (comma-separated, e.g. `https://a.gov.vn,https://b.gov.vn`). Empty: no cross-origin access. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** Requests one signed-in person may make per minute (per API process); 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: int(300),
  /** Largest JSON request body accepted, in kilobytes. */
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  /** Seconds the API waits for requests in flight (and the worker for its tasks) after SIGINT/SIGTERM. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Seconds the readiness check waits for Temporal before answering 503. */
  READINESS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(60).default(3),
  /** Seconds the API waits for Temporal while serving one request before answering 503 (api/middleware/temporal-deadline.ts). */
  TEMPORAL_CALL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  outboxDir: string;
  documentsDir: string;
  jwtSecretFile: string;
}

/** Parses the environment (or the given record); throws one error listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    ...env,
    DATA_DIR: dataDir,
    outboxDir: path.join(dataDir, 'outbox'),
    documentsDir: path.join(dataDir, 'documents'),
    jwtSecretFile: path.resolve(env.JWT_SECRET_FILE ?? path.join(dataDir, 'jwt-secret')),
  };
}

/** Where campaigns run (CAMPAIGN_TASK_QUEUE, or TASK_QUEUE-campaigns). */
export function campaignTaskQueueOf(config: Pick<Config, 'TASK_QUEUE' | 'CAMPAIGN_TASK_QUEUE'>): string {
  return config.CAMPAIGN_TASK_QUEUE ?? `${config.TASK_QUEUE}-campaigns`;
}
