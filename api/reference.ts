/**
 * Reference data the console needs to show names instead of codes and to offer choices: the directory's units
 * (code, name, kind) and the issued plans with their section II activities (what an estimate's line is for).
 * Read-only, for anyone signed in: the same facts every plan document and email already show.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { z } from 'zod';
import type { Directory } from '../catalog/directory';
import type { Plan } from '../catalog/plan';
import { API_PREFIX } from './openapi';
import { defineRoute } from './route';

export interface ReferenceDeps {
  directory: Directory;
  plans: readonly Plan[];
}

const tags = ['Danh mục'];

/** The tenant's names, for the console's header before anyone signs in. */
export const IssuerSchema = z.object({
  name: z.string().describe('tên cơ quan ban hành, ví dụ UBND huyện Bắc Sơn'),
  shortName: z.string(),
  level: z.string().describe('cấp: tỉnh, huyện (kế hoạch trước 01/7/2025), xã, phường, đặc khu'),
  above: z.object({ name: z.string(), shortName: z.string() }).describe('cấp trên nhận báo cáo, ví dụ UBND tỉnh Lạng Sơn / UBND tỉnh'),
});

export const UnitListSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string() })) });
export const PlanListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      activities: z.array(z.object({ code: z.string(), section: z.string(), text: z.string() })),
    }),
  ),
});

/** An activity's text cut to a line a select can show; the code is what an estimate's line records. */
const SHORT = 160;
const shorten = (t: string): string => (t.length > SHORT ? `${t.slice(0, SHORT - 1).trimEnd()}…` : t);

export function referenceRoutes(registry: OpenAPIRegistry, deps: ReferenceDeps): Router {
  const router = Router();

  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/units`,
    summary: 'Danh mục cơ quan, đơn vị, xã, thị trấn (mã, tên, loại)',
    tags,
    responses: { 200: { description: 'Các đơn vị', schema: UnitListSchema } },
    handler: async () => ({ items: deps.directory.data.units.map((u) => ({ code: u.code, name: u.name, kind: u.kind })) }),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/plans`,
    summary: 'Các kế hoạch đã ban hành và hoạt động của từng kế hoạch (mục II), để chọn khi lập dự toán',
    tags,
    responses: { 200: { description: 'Các kế hoạch', schema: PlanListSchema } },
    handler: async () => ({
      items: deps.plans.map((p) => ({
        id: p.id,
        title: p.title,
        activities: p.content.sections.flatMap((s) => s.activities.map((a) => ({ code: a.code, section: `${s.number}. ${s.heading}`, text: shorten(a.text) }))),
      })),
    }),
  });

  return router;
}

/** The tenant's names, public: the console shows them before anyone signs in (mounted before the API's sign-in). */
export function issuerRoute(registry: OpenAPIRegistry, directory: Directory): Router {
  const router = Router();
  defineRoute(router, registry, {
    method: 'get',
    path: `${API_PREFIX}/issuer`,
    summary: 'Cơ quan sử dụng hệ thống (tên, tên ngắn, cấp) và cấp trên nhận báo cáo: tiêu đề và lời của bàn làm việc',
    tags,
    public: true,
    responses: { 200: { description: 'Cơ quan ban hành', schema: IssuerSchema } },
    handler: async () => {
      const { name, shortName, level } = directory.data.issuer;
      const above = directory.unit(directory.parties.above)!;
      return { name, shortName, level, above: { name: above.name, shortName: above.shortName ?? above.name } };
    },
  });

  return router;
}
