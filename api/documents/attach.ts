/**
 * Whether a person may attach stored documents to a case: only documents their own agency uploaded, exactly as
 * uploaded (address, type, size). An unknown document, another agency's and a mismatched reference all get the
 * same answer, so a hash learnt elsewhere tells nothing about what is stored. A document that may be attached
 * is marked referenced at once, before the case records it, so the retention sweep never removes one a case holds.
 */
import type { DocumentStore } from '../../activities/document-store';
import type { Actor } from '../../workflows/common/actor';
import type { DocumentRef } from '../../workflows/common/document';
import type { FieldProblem } from '../../workflows/common/refusal';

export const NOT_ATTACHABLE = 'không có tài liệu này do đơn vị bạn tải lên; tải lên trước qua POST /api/v1/documents';

/** The problems of the references, one per bad one, each under its field. */
export async function attachProblems(documents: DocumentStore, actor: Actor, refs: ReadonlyArray<{ ref: DocumentRef; field: string }>): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const { ref, field } of refs) {
    const ours = await documents.uploadedBy(ref.sha256, actor.agency);
    const stored = ours ? await documents.readDocument(ref.sha256) : undefined;
    if (!stored || stored.metadata.contentType !== ref.contentType || stored.metadata.size !== ref.size) problems.push({ field, message: NOT_ATTACHABLE });
    else await documents.markReferenced(ref.sha256);
  }
  return problems;
}
