/**
 * JSON request bodies: parsed only when declared as JSON and sent with a method that carries one (POST, PUT,
 * PATCH), up to a size limit (413 beyond, counted after decompression), in UTF-8 (415 for another charset).
 * Whether a route wants a body, and of which shape, is the route's business (api/route.ts).
 */
import express, { type RequestHandler } from 'express';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** Parses JSON bodies of at most `limitKb` kilobytes. */
export function jsonBody(limitKb: number): RequestHandler {
  const parse = express.json({ limit: `${limitKb}kb`, strict: true, type: ['application/json', 'application/*+json'] });
  // A body sent with GET or DELETE means nothing here: left unread, never a reason to refuse.
  return (req, res, next) => (WITH_BODY.has(req.method) ? parse(req, res, next) : next());
}
