/** Sends a stored document as a download, the same way for every case that references one. */
import type { Response } from 'express';

/** `Content-Disposition` with the name in UTF-8 (RFC 6266) and a plain ASCII fallback. */
export function attachmentHeader(filename: string): string {
  const ascii = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function sendDocument(res: Response, stored: { bytes: Buffer | Uint8Array; metadata: { contentType: string } }, filename: string): undefined {
  res
    .status(200)
    .type(stored.metadata.contentType)
    .setHeader('Content-Disposition', attachmentHeader(filename))
    .setHeader('X-Content-Type-Options', 'nosniff')
    .send(stored.bytes);
  return undefined;
}
