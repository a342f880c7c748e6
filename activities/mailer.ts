/**
 * Hands a rendered message to the mail system. Out of the box every message is an .eml file in the outbox
 * folder (the file itself proves it went out, and a second send of the same key writes nothing); with
 * SMTP_URL set it goes through SMTP. Either way the Message-ID derives from the message's key, so the same
 * message always carries the same Message-ID. Once-only delivery is kept above this, in the message's
 * delivery workflow (workflows/mail), where every worker sees it.
 */
import { createHash } from 'node:crypto';
import { access, link, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import nodemailer from 'nodemailer';
import type { OutgoingMail, SendResult } from '../workflows/mail/messages';

export type { MailAttachment as Attachment, OutgoingMail } from '../workflows/mail/messages';

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');
/** A message's id: 32 hex digits of its key's hash. */
export const mailIdOf = (key: string): string => digest(key).slice(0, 32);
export const messageIdOf = (key: string): string => `<${mailIdOf(key)}@bac-son-plan>`;
/** A readable, collision-free file name for a key. */
export const fileNameOf = (key: string): string => `${key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}--${digest(key).slice(0, 10)}`;

/** The failure type of a permanent refusal (the delivery does not retry it; the office sees it). */
export const MAIL_REFUSED = 'MailRefused';

function compose(from: string, mail: OutgoingMail) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    messageId: messageIdOf(mail.key),
    headers: { 'X-Idempotency-Key': mail.key },
    attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
  };
}

/** Writes each message as `<outbox>/<key>.eml`; a key whose file exists is not written again. */
export function outboxMailer(outboxDir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      await mkdir(outboxDir, { recursive: true });
      const file = path.join(outboxDir, `${fileNameOf(mail.key)}.eml`);
      const base = { messageId: messageIdOf(mail.key), accepted: [...mail.to], rejected: [], receipt: file };
      if (await exists(file)) return { ...base, sentNow: false };
      const info = await transport.sendMail(compose(from, mail));
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, info.message as Buffer);
      try {
        // link() fails if the file exists: of two racing attempts exactly one message lands.
        await link(tmp, file);
        return { ...base, sentNow: true };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { ...base, sentNow: false };
        throw err;
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
    },
  };
}

interface SmtpError extends Error {
  responseCode?: number;
  response?: string;
  rejected?: string[];
  rejectedErrors?: Array<{ recipient?: string; response?: string; message: string }>;
}

/**
 * A 5xx answer is permanent (RFC 5321 §4.2.1): it fails without retry, naming the server's answer. Anything
 * else (no connection, a timeout, 4xx) is thrown as is, for the delivery to try again.
 */
function permanentRefusal(err: SmtpError): ApplicationFailure | null {
  if (!err.responseCode || err.responseCode < 500 || err.responseCode > 599) return null;
  return ApplicationFailure.nonRetryable(`Máy chủ thư từ chối: ${err.response ?? err.message}`, MAIL_REFUSED);
}

/** Sends through SMTP; the server's per-recipient refusals come back with the result. */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  // Short timeouts: a server that does not answer is an outage to retry soon, not a reason to hang.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 20_000 });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail(compose(from, mail));
        const errors = (info as unknown as SmtpError).rejectedErrors ?? [];
        const rejected = ((info.rejected ?? []) as Array<string | { address: string }>).map((r) => (typeof r === 'string' ? r : r.address));
        return {
          messageId: messageIdOf(mail.key),
          accepted: ((info.accepted ?? []) as Array<string | { address: string }>).map((r) => (typeof r === 'string' ? r : r.address)),
          rejected: rejected.map((address) => ({ address, reason: errors.find((e) => e.recipient === address)?.response ?? 'bị từ chối' })),
          receipt: String(info.response ?? ''),
          sentNow: true,
        };
      } catch (err) {
        throw permanentRefusal(err as SmtpError) ?? err;
      }
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
