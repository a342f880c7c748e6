/**
 * Delivers a message exactly once per key. Out of the box every message is an .eml file in the outbox
 * folder (the file itself proves it went out); with SMTP_URL set it goes through SMTP and a ledger entry
 * records the key right after the server accepted it. The Message-ID derives from the key too, so a
 * receiving server can drop a copy if a crash ever fell between the send and the ledger write.
 */
import { createHash } from 'node:crypto';
import { access, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Attachment {
  filename: string;
  contentType: string;
  /** Base64 content, so the message fits in Temporal payloads as JSON. */
  contentBase64: string;
}

export interface OutgoingMail {
  /** Idempotency key: the same key is never delivered twice. */
  key: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
}

export interface Delivery {
  key: string;
  messageId: string;
  to: string[];
  subject: string;
  /** False when this key had already been delivered: nothing was sent this time. */
  sentNow: boolean;
  /** Where the copy lies (outbox file) or the SMTP server's answer. */
  receipt: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<Delivery>;
}

const digest = (key: string): string => createHash('sha256').update(key).digest('hex');
const messageIdOf = (key: string): string => `<${digest(key).slice(0, 32)}@bac-son-plan>`;
/** A readable, collision-free file name for a key. */
export const fileNameOf = (key: string): string => `${key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120)}--${digest(key).slice(0, 10)}`;

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
      const messageId = messageIdOf(mail.key);
      const base = { key: mail.key, messageId, to: mail.to, subject: mail.subject, receipt: file };
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

/** Sends through SMTP, keeping a ledger of delivered keys in `ledgerDir`. */
export function smtpMailer(smtpUrl: string, ledgerDir: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await mkdir(ledgerDir, { recursive: true });
      const entry = path.join(ledgerDir, `${fileNameOf(mail.key)}.json`);
      const messageId = messageIdOf(mail.key);
      const previous = await readFile(entry, 'utf8').catch(() => undefined);
      if (previous !== undefined) {
        const { receipt } = JSON.parse(previous) as { receipt: string };
        return { key: mail.key, messageId, to: mail.to, subject: mail.subject, sentNow: false, receipt };
      }
      const info = await transport.sendMail(compose(from, mail));
      const receipt = String(info.response ?? '');
      const tmp = `${entry}.tmp`;
      await writeFile(tmp, JSON.stringify({ key: mail.key, messageId, to: mail.to, at: new Date().toISOString(), receipt }));
      await rename(tmp, entry);
      return { key: mail.key, messageId, to: mail.to, subject: mail.subject, sentNow: true, receipt };
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
