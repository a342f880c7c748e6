/** How the timeline words what it read: Vietnamese time, inputs as one line, what changed between two states. */
import { formatVietnamDate } from '../../catalog/calendar';
import { ActorSchema, type Actor } from '../../workflows/common/actor';
import { formatDong } from '../../workflows/common/money';
import { vietnamParts } from '../../workflows/common/vietnam-time';
import type { Change } from './timeline-entry';
import { fieldLabels, labelOf, moneyFields, statusLabels } from './labels';

/** "15/03/2024 09:30:12": an instant as people in Bắc Sơn read it. */
export function vietnamTime(iso: string): string {
  const p = vietnamParts(iso, 'seconds');
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asActor = (v: unknown): Actor | undefined => {
  const parsed = ActorSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
};

/** Where a workflow's starting input names the person who started it. */
export const STARTER_KEYS = ['submittedBy', 'startedBy', 'createdBy', 'requestedBy', 'issuedBy', 'assignedBy', 'by', 'actor'];

export function starterOf(input: unknown): Actor | undefined {
  if (!isRecord(input)) return undefined;
  for (const key of STARTER_KEYS) {
    const actor = asActor(input[key]);
    if (actor) return actor;
  }
  for (const value of Object.values(input)) {
    const actor = asActor(value);
    if (actor) return actor;
  }
  return undefined;
}

/** Fields of recorded state that change with every step and say nothing by themselves. */
const NOISE = new Set(['updatedAt']);
const MAX_CHANGES = 100;

/** What differs between two states: changed leaves, and whole items added to or removed from lists. */
export function diffStates(before: unknown, after: unknown, path = '', out: Change[] = []): Change[] {
  if (out.length >= MAX_CHANGES) return out;
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (NOISE.has(key)) continue;
      diffStates(before[key], after[key], path ? `${path}.${key}` : key, out);
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) diffStates(before[i], after[i], `${path}.${i}`, out);
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before: before ?? null, after: after ?? null });
  return out;
}

/** How values that are codes read in words: a plan's id as its number and title. */
export interface ValueNames {
  plan?: (id: string) => string | undefined;
}

function describeValue(key: string, value: unknown, names: ValueNames = {}): string {
  if (key === 'planId' && typeof value === 'string') return names.plan?.(value) ?? value;
  if (typeof value === 'number' && moneyFields.has(key)) return formatDong(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatVietnamDate(value);
  if (Array.isArray(value)) return `${value.length} mục`;
  if (isRecord(value)) {
    const actor = asActor(value);
    return actor ? `${actor.name} (${actor.agency})` : JSON.stringify(value);
  }
  return String(value);
}

/** "Lý do: ...; Số tiền: 30.000.000 đ": an input as one line, nested objects flattened one level. */
export function describeInput(input: unknown, skip: ReadonlySet<string> = new Set(), names: ValueNames = {}): string {
  if (!isRecord(input)) return input === undefined || input === null ? '' : describeValue('', input, names);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (skip.has(key) || value === undefined || value === null || value === '') continue;
    if (isRecord(value) && !asActor(value)) {
      const inner = describeInput(value, new Set(), names);
      if (inner) parts.push(inner);
      continue;
    }
    parts.push(`${labelOf(fieldLabels, key)}: ${describeValue(key, value, names)}`);
  }
  return parts.join('; ');
}

export const statusText = (s: string | null): string => (s ? labelOf(statusLabels, s) : '—');

/** Joins the non-empty parts into sentences, without doubling a full stop a part already ends with. */
export const sentences = (parts: readonly string[]): string =>
  parts
    .filter(Boolean)
    .map((p, i, all) => (i < all.length - 1 && !/[.!?]$/.test(p) ? `${p}.` : p))
    .join(' ');
