/**
 * Requests per signed-in person per minute. Runs after authentication, so the key is the person (not the
 * address, which many officials behind one office router share). Counted in this process's memory: with
 * several API processes each allows the limit. Over the limit: 429 problem with `Retry-After`.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Actor } from '../../workflows/common/actor';
import { HttpProblem } from '../problem';

/** `perMinute` requests per person per minute; 0 turns the limit off. */
export function ratePerUser(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Unauthenticated requests never reach this point (authentication answers 401 first).
    skip: (_req, res) => !res.locals.actor,
    keyGenerator: (_req, res) => `user:${(res.locals.actor as Actor).userId}`,
    handler: (_req, _res, next) => next(new HttpProblem(429, `Vượt quá ${perMinute} yêu cầu mỗi phút; vui lòng thử lại sau`)),
  });
}
