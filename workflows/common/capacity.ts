/**
 * The authority a decision was made under, as Nghị định 30/2020/NĐ-CP (Điều 13, Phụ lục I) writes it in the
 * signature block: the form ("KT.", "Q.", "TL.", "TUQ.", or none when the head signs), the principal's title
 * (or "TM." the collective), the signer's own title and name, and what the authority rests on. Derived when
 * someone acts (workflows/authority/rules.ts) and carried in the actor, so the case's history records it with
 * the decision. Plain data with no import but zod, so every process and the console share it.
 */
import { z } from 'zod';

/** The kinds of decision the leadership signs. */
export const MatterKinds = ['budget_decision', 'report_approval', 'extension_decision'] as const;
export type MatterKind = (typeof MatterKinds)[number];

export const matterLabels: Record<MatterKind, string> = {
  budget_decision: 'quyết định dự toán kinh phí',
  report_approval: 'duyệt báo cáo gửi cấp trên',
  extension_decision: 'quyết định gia hạn kế hoạch của xã',
};

/** "direct": the head in person (or the collective's head, with "TM."). */
export const SigningForms = ['direct', 'KT.', 'Q.', 'TL.', 'TUQ.'] as const;
export type SigningForm = (typeof SigningForms)[number];

export const CapacitySchema = z.object({
  form: z.enum(SigningForms),
  /** The collective body signed for ("TM. Ủy ban nhân dân"), when the matter is the collective's. */
  collective: z.string().nullable(),
  /** The head's title, for whom the signer signs ("Chủ tịch"). */
  principalTitle: z.string(),
  /** The signer's own title ("Phó Chủ tịch"). */
  signerTitle: z.string(),
  signer: z.string(),
  userId: z.string(),
  matter: z.enum(MatterKinds),
  /** The field of work the matter belongs to, if any. */
  field: z.string().nullable(),
  /** What the authority rests on, in words: the head's office, the working rules, a decision's number and date. */
  basis: z.string(),
  /** The authority record (workflows/authority) it rests on, if any. */
  record: z.number().int().nullable(),
});
export type Capacity = z.infer<typeof CapacitySchema>;

// The words of a capacity, in a module of plain code the console imports too.
export { capacityLine, capacityText, signatureLines } from './capacity-text';
