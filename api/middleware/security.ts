/**
 * Security headers (helmet) and cross-origin access (CORS). Out of the box no other origin may call the API
 * from a browser; CORS_ORIGINS lists the ones that may (e.g. the district's web front end).
 */
import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { REQUEST_ID_HEADER } from './logging';

/**
 * Strict headers for a JSON API; the CSP still lets /docs load Swagger UI and / the console from this same origin.
 * `connectTo`: other origins the console's scripts may call (the OpenID Connect provider, when it signs in there).
 */
export function securityHeaders(connectTo: readonly string[] = []): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        ...(connectTo.length ? { 'connect-src': ["'self'", ...connectTo] } : {}),
        // Swagger UI renders its own inline styles and shows data: images (icons).
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // Out of the box the API is served over plain HTTP; TLS is the reverse proxy's business.
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
}

/** CORS for the listed origins only; preflights answered here. An empty list answers no origin. */
export function crossOrigin(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', REQUEST_ID_HEADER],
    exposedHeaders: ['Location', REQUEST_ID_HEADER, 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'Idempotent-Replayed'],
    maxAge: 600,
  });
}
