/**
 * An email the mail server did not take at once: the activity that renders a message tries the server
 * first, and when it is down, answers 4xx or refuses a recipient, hands the message to a delivery workflow
 * of its own. Its id derives from the message's key, so however many workers or retries hand it over, the
 * message has one delivery and goes out once. Declared here, next to the workflow; the activities and the
 * API import these objects.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorSchema, type Actor } from '../common/actor';
import { EmailSchema, InstantSchema, optionalText } from '../common/schema';

const at = InstantSchema;

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Base64 content, so the message fits in Temporal payloads as JSON. */
  contentBase64: string;
}

/** A rendered message. `key` is its idempotency key: the Message-ID derives from it. */
export interface OutgoingMail {
  key: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** What one send reported: who the mail server accepted and who it refused, with its answer. */
export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: Array<{ address: string; reason: string }>;
  /** The server's answer, or where the copy lies (outbox file). */
  receipt: string;
  /** False when an earlier attempt had already been accepted: nothing was sent this time. */
  sentNow: boolean;
}

export interface MailDeliveryInput {
  /** The message's id (from its key): its Message-ID and its workflow id derive from it. */
  id: string;
  mail: OutgoingMail;
  /** What the message is about (`budget`, `report`, ...), for the office's list. */
  kind: string;
  /**
   * How the first attempt (made by the activity that handed the message over) ended, when the server
   * answered: recipients it accepted and refused, or its refusal of the whole message. Absent: it did not
   * answer (down, a timeout, 4xx), and the delivery tries again.
   */
  firstAttempt?: { at: string; sent: SendResult } | { at: string; refusal: string };
}

export const MailStatuses = ['sending', 'delivered', 'undelivered', 'dismissed'] as const;
export const MailStatusSchema = z.enum(MailStatuses);
export type MailStatus = z.infer<typeof MailStatusSchema>;

const RecipientOutcomeSchema = z.object({ address: z.string(), at, reason: z.string().optional() });

/** The delivery of one message, as the office reads it. */
export const MailDeliverySchema = z.object({
  id: z.string().describe('mã thư (32 ký tự hex, phần đầu của Message-ID)'),
  key: z.string(),
  kind: z.string(),
  messageId: z.string(),
  subject: z.string(),
  to: z.array(z.string()),
  status: MailStatusSchema,
  delivered: z.array(RecipientOutcomeSchema).describe('người nhận máy chủ thư đã nhận'),
  refused: z.array(RecipientOutcomeSchema).describe('người nhận máy chủ thư từ chối (chưa gửi lại)'),
  events: z.array(
    z.object({
      at,
      what: z.enum(['queued', 'delivered', 'refused', 'resend', 'dismissed']),
      by: ActorSchema.optional(),
      to: z.array(z.string()).optional(),
      reason: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
});
export type MailDelivery = z.infer<typeof MailDeliverySchema>;

/** Send the refused part again, to the same addresses or to corrected ones. */
export const ResendInputSchema = z
  .object({
    to: z
      .array(EmailSchema)
      .min(1)
      .max(50)
      .optional()
      .describe('địa chỉ nhận thay cho các địa chỉ bị từ chối; bỏ trống: gửi lại đúng các địa chỉ đó'),
  })
  .strict();
export type ResendInput = z.infer<typeof ResendInputSchema>;

/** Leave a refused message unsent, saying why (e.g. the recipient was told another way). */
export const DismissInputSchema = z.object({ note: optionalText(500).optional() }).strict();
export type DismissInput = z.infer<typeof DismissInputSchema>;

export const getMailDeliveryQuery = defineQuery<MailDelivery>('getMailDelivery');
export const resendMailUpdate = defineUpdate<MailDelivery, [Actor, ResendInput]>('resendMail');
export const dismissMailUpdate = defineUpdate<MailDelivery, [Actor, DismissInput]>('dismissMail');

export const MAIL_WORKFLOW_TYPE = 'mailDeliveryWorkflow';

/** 32 hex digits naming a message; its Message-ID is `<id@bac-son-plan>`. */
export const MailIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'mã thư gồm 32 ký tự hex');

/** The task queue names the deployment, as for inboxes. */
export const mailWorkflowId = (taskQueue: string, mailId: string): string => `mail:${taskQueue}/${mailId}`;
