/**
 * A reference to an uploaded document. Workflows keep only this; the bytes live in the content-addressed
 * document store (activities/document-store.ts) under their SHA-256.
 */
import { z } from 'zod';

export const DocumentRefSchema = z.object({
  /** SHA-256 of the bytes, lowercase hex: the document's address in the store. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 gồm 64 ký tự hex thường'),
  /** File name as uploaded. */
  filename: z.string().min(1).max(255),
  /** MIME type detected from the content (not from the name). */
  contentType: z.string().min(1).max(255),
  /** Size in bytes. */
  size: z.number().int().nonnegative(),
}).strict();
export type DocumentRef = z.infer<typeof DocumentRefSchema>;
