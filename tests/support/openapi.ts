/**
 * The served OpenAPI document as a test oracle: which operations exist, which routes Express really mounts,
 * a minimal valid request for an operation (built from its schemas), and a checker telling whether a response
 * is one the document declares (status, media type, body schema).
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import type { Response } from 'supertest';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface OperationObject {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
}

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. `/api/v1/budgets/{id}`. */
  template: string;
  spec: OperationObject;
  /** Needs a Bearer token. */
  secured: boolean;
  /** Media types of the request body, if any. */
  bodyTypes: string[];
  params(where: Parameter['in']): Parameter[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, spec]) => ({
        method,
        template,
        spec,
        secured: (spec.security ?? doc.security ?? []).length > 0,
        bodyTypes: Object.keys(spec.requestBody?.content ?? {}),
        params: (where: Parameter['in']) => (spec.parameters ?? []).filter((p) => p.in === where),
      })),
  );
}

/** `/api/v1/budgets/:id` → `/api/v1/budgets/{id}`. */
export const templateOf = (expressPath: string): string => expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');

/** Fills a template's parameters. */
export const pathOf = (template: string, values: Record<string, string>, raw: Record<string, string> = {}): string =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => raw[name] ?? encodeURIComponent(values[name] ?? 'x'));

/** The operation a concrete request path answers to, if the document has it. */
export function operationAt(ops: Operation[], method: string, path: string): Operation | undefined {
  const clean = path.split('?')[0]!;
  return ops.find((op) => {
    if (op.method !== method.toLowerCase()) return false;
    const re = new RegExp(`^${op.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);
    return re.test(clean);
  });
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

/**
 * Every (method, path) Express has mounted: walks the app's router stack and every router mounted in it,
 * whoever added them. Paths come out as OpenAPI templates.
 */
export function mountedRoutes(app: Express): Array<{ method: string; template: string }> {
  const found: Array<{ method: string; template: string }> = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [method, on] of Object.entries(layer.route.methods)) {
            if (on && method !== '_all') found.push({ method, template: templateOf(prefix + p) });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  walk(router.stack, '');
  return found;
}

const resolve = (doc: OpenApiDocument, schema: JsonSchema): JsonSchema => {
  let s = schema;
  while (s.$ref) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s;
};

const PATTERN_CANDIDATES = ['a', 'abc', 'x-1', 'bchqs', 'DT-2024-ABCD1234', '2024-03-15', '1', 'A1', 'abc-def-123', '1-bchqs', '0'.repeat(64), 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'];

/**
 * A small value the schema accepts (the first enum value, the minimum, one array item, ...), with the required
 * properties of objects only, or with every property when `all` is set.
 */
export function exampleOf(doc: OpenApiDocument, schema: JsonSchema, all = false): unknown {
  const s = resolve(doc, schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined) return s.default;
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((x) => exampleOf(doc, x, all) as object));
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return exampleOf(doc, alt.find((x) => resolve(doc, x).type !== 'null') ?? alt[0]!, all);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((all ? Object.keys(s.properties ?? {}) : (s.required ?? [])).map((k) => [k, exampleOf(doc, s.properties?.[k] ?? {}, all)]));
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => exampleOf(doc, s.items ?? {}, all));
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      return Math.max(min ?? 1, 1) <= (s.maximum ?? Infinity) ? Math.max(min ?? 1, 1) : (min ?? 0);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'date') return '2024-03-15';
      if (s.format === 'date-time') return '2024-03-15T08:00:00.000Z';
      if (s.format === 'email') return 'a@bacson.example.vn';
      if (s.format === 'uri' || s.format === 'url') return 'https://bacson.example.vn/';
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        const hit = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= (s.minLength ?? 0) && c.length <= (s.maxLength ?? Infinity));
        if (hit) return hit;
      }
      return 'Nội dung thử'.padEnd(Math.max(s.minLength ?? 1, 1), 'x').slice(0, s.maxLength ?? 1000);
    }
    default:
      return {};
  }
}

/** Every leaf of a schema reachable through required properties and first array items, with its JSON path. */
export function leavesOf(doc: OpenApiDocument, schema: JsonSchema, path: Array<string | number> = []): Array<{ path: Array<string | number>; schema: JsonSchema }> {
  const s = resolve(doc, schema);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' && s.properties) {
    return [{ path, schema: s }, ...Object.entries(s.properties).flatMap(([k, v]) => leavesOf(doc, v, [...path, k]))];
  }
  if (type === 'array' && s.items) return [{ path, schema: s }, ...leavesOf(doc, s.items, [...path, 0])];
  return [{ path, schema: s }];
}

/** A copy of `value` with the value at `path` replaced (objects and arrays created on the way). */
export function withValue(value: unknown, path: Array<string | number>, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  const base = value ?? (typeof head === 'number' ? [] : {});
  const container = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as object) }) as Record<string | number, unknown>;
  container[head!] = withValue((value as Record<string | number, unknown> | undefined)?.[head!], rest, leaf);
  return container;
}

/** Tells whether responses are the ones the document declares. */
export class ResponseChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly ops: Operation[];
  /** Every violation seen, as `METHOD path → what`. */
  readonly violations: string[] = [];

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: doc.components ?? {} } as object);
    this.ops = operationsOf(doc);
  }

  private validator(schema: JsonSchema): ValidateFunction {
    const key = JSON.stringify(schema);
    let v = this.compiled.get(key);
    if (!v) {
      const rebased = JSON.parse(key.replace(/"\$ref":"#\//g, '"$ref":"doc#/')) as object;
      v = this.ajv.compile(rebased);
      this.compiled.set(key, v);
    }
    return v;
  }

  /** Records (and returns) what in this response the document does not declare. */
  check(method: string, path: string, res: Pick<Response, 'status' | 'headers' | 'body' | 'text'>): string[] {
    const op = operationAt(this.ops, method, path);
    const where = `${method.toUpperCase()} ${path.slice(0, 120)} → ${res.status}`;
    if (!op) return [];
    const problems: string[] = [];
    const declared = op.spec.responses[String(res.status)] ?? op.spec.responses[`${String(res.status)[0]}XX`] ?? op.spec.responses.default;
    if (!declared) {
      problems.push(`${where}: status not declared`);
    } else if (declared.content) {
      const type = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
      const media = declared.content[type];
      if (!media) {
        problems.push(`${where}: content type ${type || '(none)'} not declared (${Object.keys(declared.content).join(', ')})`);
      } else {
        let body: unknown = res.body;
        if (type.endsWith('json') && (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0 && res.text))) {
          body = JSON.parse(res.text);
        }
        const validate = this.validator(media.schema);
        if (!validate(body)) problems.push(`${where}: body does not match the schema: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    this.violations.push(...problems);
    return problems;
  }
}
