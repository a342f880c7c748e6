/**
 * The OpenAPI 3.1 document is generated from the very zod schemas that validate requests: each route
 * registers itself here (api/route.ts), so the document cannot drift from what the API accepts.
 */
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** The API's root, defined with the kinds of case whose paths hang below it. */
export { API_PREFIX } from '../workflows/common/cases';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional().describe('đường dẫn của yêu cầu'),
    requestId: z
      .string()
      .optional()
      .describe('mã của yêu cầu: như trong header X-Request-Id và trong mọi dòng nhật ký (log) về yêu cầu này'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('mọi trường sai (với 400): `body.x`, `query.x`, `params.x`, `headers.x`'),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

/** Header every response carries: the request's id (see Problem.requestId). */
export const requestIdHeader = {
  'X-Request-Id': { description: 'Mã của yêu cầu, để đối chiếu với nhật ký', schema: { type: 'string' as const } },
};

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return registry;
}

/**
 * zod-to-openapi writes a regex with flags as `source/flags` (it strips the slashes of `toString()`), which no
 * validator reads as meant. A JSON Schema pattern is matched the Unicode way already, so `u` (and `v`, `d`,
 * `g`, `y`, which change no match) are dropped; `i`, `m`, `s` cannot be said in a pattern and are left for the
 * contract test to point at (write the cases out instead, e.g. `[0-9a-fA-F]`).
 */
function withoutRegexFlags<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutRegexFlags) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const flagged = key === 'pattern' && typeof value === 'string' ? /^(.*[^\\])\/([dgimsuvy]+)$/.exec(value) : null;
    out[key] = flagged && !/[ims]/.test(flagged[2]!) ? flagged[1] : withoutRegexFlags(value);
  }
  return out as T;
}

/** The API's document; its title and description name the tenant (`issuer` of the directory). */
export function openApiDocument(registry: OpenAPIRegistry, issuer: { name: string }) {
  return withoutRegexFlags(new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: `Plan workflows API - ${issuer.name}`,
      version: '1.0.0',
      description:
        `Quy trình điện tử thực hiện kế hoạch của ${issuer.name}: dự toán kinh phí, kế hoạch của các đơn vị cấp dưới, báo cáo kết quả. ` +
        'Mỗi thao tác là một Temporal Update; mọi lỗi trả về application/problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
  }));
}
