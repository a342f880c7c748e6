/**
 * Builds the Express app (without listening). The stack, in order: request id and JSON logs, security headers,
 * CORS; health, the OpenAPI document and the docs (public); then the versioned API behind sign-in, the
 * per-person rate limit and the JSON body limit; then 404 and problem+json errors.
 */
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import { loadConfig, type Config } from '../config/env';
import type { DocumentStore } from '../activities/document-store';
import type { Directory } from '../catalog/directory';
import type { BudgetPolicy } from '../workflows/budget/messages';
import { assignmentRoutes } from './assignments/routes';
import { auditRoutes } from './audit/routes';
import { authenticate, SignInConfigError, type AuthOptions } from './auth';
import { budgetRoutes } from './budgets/routes';
import { calendarSource } from '../activities/calendar-source';
import { calendarRoutes } from './calendar/routes';
import { authorityRoutes } from './authority/routes';
import { authoritySource } from './authority/source';
import { consoleRoutes } from './console';
import { campaignRoutes, campaignSettingsOf, type CampaignSettings } from './campaigns/routes';
import { communePlanRoutes } from './commune-plans/routes';
import { documentRoutes } from './documents/routes';
import { docsRouter } from './docs';
import { mailRoutes } from './mail/routes';
import { myWorkRoutes } from './my-work/routes';
import { notificationRoutes } from './notifications/routes';
import { directoryMailDomains, preferencesRoutes } from './preferences/routes';
import { issuerRoute, referenceRoutes } from './reference';
import { reportRoutes } from './reports/routes';
import { healthRoutes } from './health';
import { LOCAL_SIGN_IN_PATH, localSignInRoutes } from './local-sign-in';
import { meRoutes, signInModeRoutes, type OidcClient } from './sign-in';
import { jsonBody } from './middleware/body';
import { createLogger, requestLogging, type Logger } from './middleware/logging';
import { ratePerUser } from './middleware/rate-limit';
import { crossOrigin, securityHeaders } from './middleware/security';
import { temporalDeadline } from './middleware/temporal-deadline';
import { API_PREFIX, createRegistry, openApiDocument } from './openapi';
import { notFound, problemHandler } from './problem';

export interface AppDeps {
  client: Client;
  directory: Directory;
  taskQueue: string;
  auth: Omit<AuthOptions, 'directory'>;
  budgetPolicy: BudgetPolicy;
  /** Where uploaded documents are kept; workflows that reference a document serve its download from here. */
  documents: DocumentStore;
  /** Request logs (JSON lines); none when not given. */
  logger?: Logger;
  /** Limits and CORS; each defaults to the configuration's default (config/env.ts). */
  http?: Partial<HttpOptions>;
  /** True once the server has begun to stop: readiness then answers 503. */
  draining?: () => boolean;
  /** Domains an agency's extra addresses may be in (MAIL_DOMAINS); the directory's own domains when empty. */
  mailDomains?: string[];
  /** Campaigns and commune plans: issued plans, working-day calendar, commune-plan policy; the configuration's when absent. */
  campaigns?: CampaignSettings;
  /** Folder of the built console (index.html, assets/); default console/dist. */
  consoleDir?: string;
  /** The console's client at the OpenID Connect provider (with `auth.jwksUrl`): the console then signs in there. */
  oidc?: OidcClient;
}

export interface HttpOptions {
  corsOrigins: string[];
  /** Requests per person per minute; 0: no limit. */
  ratePerMinute: number;
  bodyLimitKb: number;
  readinessTimeoutMs: number;
  /** How long one request may wait for Temporal before it is answered 503. */
  temporalCallTimeoutMs: number;
}

/** The configuration's defaults, as HttpOptions. */
export function httpOptionsOf(
  config: Pick<Config, 'CORS_ORIGINS' | 'RATE_LIMIT_PER_MINUTE' | 'BODY_LIMIT_KB' | 'READINESS_TIMEOUT_SECONDS' | 'TEMPORAL_CALL_TIMEOUT_SECONDS'>,
): HttpOptions {
  return {
    corsOrigins: config.CORS_ORIGINS,
    ratePerMinute: config.RATE_LIMIT_PER_MINUTE,
    bodyLimitKb: config.BODY_LIMIT_KB,
    readinessTimeoutMs: config.READINESS_TIMEOUT_SECONDS * 1000,
    temporalCallTimeoutMs: config.TEMPORAL_CALL_TIMEOUT_SECONDS * 1000,
  };
}

/** The provider's origin, for the CSP; an issuer that is not a URL cannot be signed in at, and stops the start. */
function providerOrigin(authority: string): string {
  try {
    return new URL(authority).origin;
  } catch {
    throw new SignInConfigError(`OIDC_CLIENT_ID is set, so JWT_ISSUER must be the provider's issuer URL (its discovery is at <issuer>/.well-known/openid-configuration): ${authority}`);
  }
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const http: HttpOptions = { ...httpOptionsOf(loadConfig({})), ...deps.http };

  app.use(requestLogging(deps.logger ?? createLogger('silent')));
  // The console's OIDC client fetches the provider's discovery document and exchanges its code there.
  app.use(securityHeaders(deps.auth.jwksUrl && deps.oidc ? [providerOrigin(deps.oidc.authority)] : []));
  app.use(crossOrigin(http.corsOrigins));

  const registry = createRegistry();
  app.use(healthRoutes(registry, { client: deps.client, timeoutMs: http.readinessTimeoutMs, draining: deps.draining ?? (() => false) }));

  const api = express.Router();
  api.use(API_PREFIX, authenticate({ ...deps.auth, directory: deps.directory }));
  api.use(API_PREFIX, ratePerUser(http.ratePerMinute));
  api.use(jsonBody(http.bodyLimitKb));
  api.use(API_PREFIX, temporalDeadline(deps.client, http.temporalCallTimeoutMs));
  const campaigns = deps.campaigns ?? campaignSettingsOf(loadConfig({}), deps.directory);
  // The holidays file with the schedules the office has recorded since, as every route checks deadlines against.
  const currentCalendar = calendarSource(campaigns.calendar);
  const calendarNow = () => currentCalendar({ client: deps.client, taskQueue: deps.taskQueue });
  const planIds = new Set(campaigns.plans.map((p) => p.id));
  const authority = authoritySource(deps.client, deps.taskQueue, deps.directory, campaigns.plans);
  api.use(budgetRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue, policy: deps.budgetPolicy, planIds, authority }));
  api.use(documentRoutes(registry, { documents: deps.documents }));
  api.use(assignmentRoutes(registry, { client: deps.client, documents: deps.documents, parties: deps.directory.parties }));
  api.use(myWorkRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue, calendarNow, authority }));
  api.use(notificationRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue }));
  const mailDomains = deps.mailDomains?.length ? deps.mailDomains : directoryMailDomains(deps.directory);
  api.use(preferencesRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue, directory: deps.directory, mailDomains }));
  api.use(mailRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue }));
  api.use(auditRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue, plans: campaigns.plans }));
  api.use(campaignRoutes(registry, { client: deps.client, directory: deps.directory, taskQueue: deps.taskQueue, ...campaigns, calendarNow }));
  api.use(communePlanRoutes(registry, { client: deps.client, documents: deps.documents, calendarNow, authority }));
  api.use(calendarRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue, calendar: campaigns.calendar, recorded: () => currentCalendar.forget(deps.taskQueue) }));
  api.use(authorityRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue, directory: deps.directory, source: authority }));
  api.use(referenceRoutes(registry, { directory: deps.directory, plans: campaigns.plans }));
  api.use(meRoutes(registry, { directory: deps.directory }));
  api.use(reportRoutes(registry, { client: deps.client, taskQueue: deps.taskQueue, plans: campaigns.plans, documents: deps.documents, directory: deps.directory, authority }));

  // Public, so before the API's sign-in; it answers 404 itself once a JWKS issuer is configured.
  const localSignIn = express.Router();
  localSignIn.use(LOCAL_SIGN_IN_PATH, jsonBody(http.bodyLimitKb));
  localSignIn.use(signInModeRoutes(registry, !deps.auth.jwksUrl ? { mode: 'local' } : deps.oidc ? { mode: 'oidc', ...deps.oidc } : { mode: 'none' }));
  localSignIn.use(localSignInRoutes(registry, { directory: deps.directory, issuer: deps.auth.issuer, audience: deps.auth.audience, ...(deps.auth.jwksUrl ? {} : deps.auth.secret ? { secret: deps.auth.secret } : {}) }));

  // Public too: the tenant's names for the console's header.
  const issuer = issuerRoute(registry, deps.directory);

  const document = openApiDocument(registry, deps.directory.data.issuer);
  app.get(`${API_PREFIX}/openapi.json`, (_req, res) => {
    res.json(document);
  });
  app.use(docsRouter(`${API_PREFIX}/openapi.json`, deps.directory.data.issuer.name));
  app.use(localSignIn);
  app.use(issuer);
  app.use(consoleRoutes(deps.consoleDir));
  app.use(api);
  app.use(notFound);
  app.use(problemHandler);
  return app;
}
