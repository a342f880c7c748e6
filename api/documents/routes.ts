/**
 * Uploading documents: multipart/form-data with one field `file`, checked by content and size, stored by
 * SHA-256. Only people who attach documents to cases upload (agency staff, commune officers); the uploading
 * agency is recorded, and only it may attach the document. What a document may be read by is decided by the
 * workflow that references it, which serves the download.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { DocumentQuotaExceeded, DocumentTooLarge, DocumentTypeRefused, type DocumentStore } from '../../activities/document-store';
import type { DocumentRef } from '../../workflows/common/document';
import { DocumentRefSchema } from '../../workflows/common/document';
import type { Actor } from '../../workflows/common/actor';
import { currentActor } from '../auth';
import { API_PREFIX, ProblemSchema, requestIdHeader } from '../openapi';
import { HttpProblem } from '../problem';
import { genericProblems, operationIdOf } from '../route';

export interface DocumentRoutesDeps {
  documents: DocumentStore;
}

const BASE = `${API_PREFIX}/documents`;
/** Roles whose actions carry documents: reports (staff) and commune plans (commune officers). */
const UPLOADING_ROLES = new Set<Actor['role']>(['staff', 'commune_officer']);
const FIELD = 'file';

/** The upload as OpenAPI sees it; the part itself is read by multer, not parsed as JSON. */
const UploadSchema = z.object({
  [FIELD]: z.string().openapi({ format: 'binary', description: 'Tệp PDF, DOCX, XLSX, JPEG hoặc PNG' }),
});

const retryAfter = { 'Retry-After': { description: 'Số giây nên chờ trước khi thử lại', schema: { type: 'string' as const } } };

/** What each problem status means for an upload; the stack's generic ones (api/route.ts) are all declared. */
const problemDescriptions: Record<number, string> = {
  403: 'Vai trò này không gửi tài liệu kèm hồ sơ',
  400: 'Thiếu tệp, hoặc nội dung không thuộc các kiểu được nhận (nêu kiểu đã phát hiện)',
  401: 'Chưa đăng nhập hoặc mã đăng nhập không hợp lệ',
  413: 'Tệp vượt giới hạn dung lượng',
  415: 'Nội dung không phải multipart/form-data',
  429: 'Quá nhiều yêu cầu; xem header Retry-After',
  500: 'Lỗi hệ thống',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

const problemResponses = Object.fromEntries(
  [...genericProblems({ method: 'post', body: true }), 403].sort((a, b) => a - b).map((status) => [
    status,
    {
      description: problemDescriptions[status] ?? 'Lỗi',
      headers: status === 429 || status === 503 ? { ...requestIdHeader, ...retryAfter } : requestIdHeader,
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  ]),
);

/** A refusal of the store, as the client should read it; anything else stays a server error. */
export function storeProblem(err: unknown): unknown {
  if (err instanceof DocumentTypeRefused) return new HttpProblem(400, err.message, [{ field: FIELD, message: err.message }]);
  if (err instanceof DocumentTooLarge) return new HttpProblem(413, `Tệp vượt giới hạn ${err.maxBytes} byte`);
  if (err instanceof DocumentQuotaExceeded) return new HttpProblem(413, err.message);
  return err;
}

/**
 * Multer's storage, the store's own: the part is streamed into the store (hashed and counted on its way to
 * disk), never buffered whole. The reference travels on as the file's `ref`.
 */
function storeEngine(documents: DocumentStore): multer.StorageEngine {
  return {
    _handleFile(req, file, callback) {
      // The route checked the person before multer read a byte.
      const owner = currentActor(req.res!).agency;
      documents.receiveUpload(file.stream, file.originalname, owner).then(
        (ref) => callback(null, { size: ref.size, ref } as Partial<Express.Multer.File>),
        (err: unknown) => callback(err),
      );
    },
    _removeFile(_req, _file, callback) {
      // Nothing to undo: a stored upload is a whole, checked document, and an unattached one is removed by retention.
      callback(null);
    },
  };
}

/** What multer (and busboy under it) refuses: an oversized file 413, any other malformed upload 400. */
function receiveProblem(err: unknown, maxBytes: number): unknown {
  if (err instanceof DocumentTypeRefused || err instanceof DocumentTooLarge || err instanceof DocumentQuotaExceeded || err instanceof HttpProblem) return storeProblem(err);
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE') return new HttpProblem(413, `Tệp vượt giới hạn ${maxBytes} byte`);
    const field = err.code === 'LIMIT_UNEXPECTED_FILE' ? (err.field ?? FIELD) : FIELD;
    return new HttpProblem(400, `Dữ liệu tải lên không hợp lệ: chỉ gửi một tệp trong trường "${FIELD}"`, [{ field, message: err.message }]);
  }
  return new HttpProblem(400, 'Nội dung multipart/form-data không đọc được', [{ field: '(body)', message: String((err as Error)?.message ?? err) }]);
}

export function documentRoutes(registry: OpenAPIRegistry, deps: DocumentRoutesDeps): Router {
  const router = Router();
  const { documents } = deps;
  const receive = multer({
    storage: storeEngine(documents),
    // One byte over the limit reaches the store, which refuses it: a file cut at the limit is never kept as whole.
    limits: { fileSize: documents.maxBytes + 1, files: 1, fields: 10, parts: 11 },
    // Browsers send the file name as raw UTF-8; Vietnamese names must survive.
    defParamCharset: 'utf8',
  }).single(FIELD);

  registry.registerPath({
    method: 'post',
    path: BASE,
    operationId: operationIdOf('post', BASE),
    summary: 'Tải lên một tài liệu (PDF, DOCX, XLSX, JPEG, PNG)',
    description:
      `Kiểu tệp được xác định theo nội dung, không theo tên; tối đa ${documents.maxBytes} byte. ` +
      'Tài liệu được lưu theo SHA-256: tải lên cùng nội dung hai lần cho cùng một tham chiếu. ' +
      'Gắn tham chiếu trả về vào hồ sơ (báo cáo, kế hoạch của xã); tệp được tải xuống qua hồ sơ đó.',
    tags: ['Tài liệu'],
    request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } } },
    responses: {
      201: { description: 'Đã lưu; tham chiếu tới tài liệu', headers: requestIdHeader, content: { 'application/json': { schema: DocumentRefSchema } } },
      ...problemResponses,
    },
  });

  const upload: RequestHandler = (req, res, next) => {
    const actor = currentActor(res);
    if (!UPLOADING_ROLES.has(actor.role)) {
      next(new HttpProblem(403, 'Chỉ cán bộ đơn vị và cán bộ xã (người gửi báo cáo, kế hoạch) mới tải tài liệu lên'));
      return;
    }
    if (!req.is('multipart/form-data')) {
      next(new HttpProblem(415, 'Nội dung phải là multipart/form-data với tệp trong trường "file"'));
      return;
    }
    receive(req, res, (err: unknown) => {
      if (err) {
        next(receiveProblem(err, documents.maxBytes));
        return;
      }
      const ref = (req.file as (Express.Multer.File & { ref?: DocumentRef }) | undefined)?.ref;
      if (!ref) {
        next(new HttpProblem(400, `Thiếu tệp trong trường "${FIELD}"`, [{ field: FIELD, message: 'bắt buộc' }]));
        return;
      }
      res.status(201).json(ref);
    });
  };
  router.post(BASE, upload);
  return router;
}
