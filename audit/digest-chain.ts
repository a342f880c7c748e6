/**
 * The SHA-256 digest chain every audit export carries, so that any later edit of the file is detectable.
 *
 *   header hash  = sha256(canonical(header))
 *   hash of i    = sha256(hash of i-1 + "\n" + canonical(entry i))     (hash of 0 is the header hash)
 *
 * The header names the workflow, who exported it, when, and how many entries follow, so a changed header, a
 * changed, removed, added or reordered entry all break the chain. The last hash (the head) is also written
 * to the audit read log when the export is served: a file whose chain was recomputed after an edit still
 * verifies on its own, but no longer matches the head recorded on the day it was exported.
 */
import { createHash } from 'node:crypto';

/** Name of the scheme, written into every header so a verifier knows what it checks. */
export const CHAIN_ALGORITHM = 'sha256-chain/v1';

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always gives the same text,
 * whatever order or indentation a file was written with. `undefined` members are dropped, as JSON does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`not representable in JSON: ${String(value)}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${members.join(',')}}`;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const headerHashOf = (header: unknown): string => sha256(canonicalJson(header));

export const linkHash = (previous: string, entry: unknown): string => sha256(`${previous}\n${canonicalJson(entry)}`);

export interface Chain {
  headerHash: string;
  /** One hash per entry, in order. */
  hashes: string[];
  /** The last hash (the header hash when there are no entries). */
  head: string;
}

export function chainOf(header: unknown, entries: readonly unknown[]): Chain {
  const headerHash = headerHashOf(header);
  const hashes: string[] = [];
  let previous = headerHash;
  for (const entry of entries) {
    previous = linkHash(previous, entry);
    hashes.push(previous);
  }
  return { headerHash, hashes, head: previous };
}

/** Where a file stops matching its chain: its header, one entry (`index`, 0-based), or the file as a whole. */
export type ChainBreak = { part: 'header' | 'file'; reason: string } | { part: 'entry'; index: number; reason: string };

export type ChainCheck = { ok: true; head: string; entries: number } | ({ ok: false } & ChainBreak);

/**
 * Recomputes the chain from the header and entries as they stand in a file and compares it with the hashes
 * the file records. Reports the first place they differ.
 */
export function verifyChain(input: {
  header: unknown;
  headerHash: unknown;
  entries: readonly unknown[];
  hashes: readonly unknown[];
  head?: unknown;
  /** The number of entries the header promises. */
  expectedCount: unknown;
}): ChainCheck {
  const headerHash = headerHashOf(input.header);
  if (input.headerHash !== headerHash) return { ok: false, part: 'header', reason: 'phần đầu (header) đã bị sửa: mã băm không khớp' };
  let previous = headerHash;
  for (let i = 0; i < input.entries.length; i += 1) {
    const expected = linkHash(previous, input.entries[i]);
    if (input.hashes[i] !== expected) {
      return { ok: false, part: 'entry', index: i, reason: input.hashes[i] === undefined ? 'thiếu mã băm' : 'nội dung hoặc mã băm đã bị sửa: mã băm không khớp' };
    }
    previous = expected;
  }
  if (input.expectedCount !== input.entries.length) {
    return { ok: false, part: 'file', reason: `phần đầu ghi ${String(input.expectedCount)} mục nhưng tệp có ${input.entries.length} mục (đã bị thêm hoặc bớt)` };
  }
  if (input.head !== undefined && input.head !== previous) return { ok: false, part: 'file', reason: 'mã băm cuối (head) không khớp với chuỗi' };
  return { ok: true, head: previous, entries: input.entries.length };
}
