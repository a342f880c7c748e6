/**
 * Authority as pure functions (Nghị định 30/2020/NĐ-CP, Điều 13): who may record an authorisation, an acting
 * assignment or an absence, when two would overlap, and under which capacity a person decides a matter at a
 * given moment (`capacityOf`), or why they may not.
 */
import type { Actor } from '../common/actor';
import type { Capacity, MatterKind } from '../common/capacity';
import { matterLabels } from '../common/capacity';
import { parseOrRefuse, refuse, RefusalType } from '../common/refusal';
import { vietnamParts } from '../common/vietnam-time';
import {
  AuthorityInputSchema,
  EndAuthorityInputSchema,
  type AuthorityEntry,
  type AuthorityRecord,
  type AuthorityRules,
  type EndAuthorityInput,
} from './messages';

/** The day an instant falls on in Vietnam, YYYY-MM-DD: periods are whole days there. */
export function vietnamDay(at: string): string {
  const p = vietnamParts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

const dmy = (date: string): string => date.split('-').reverse().join('/');
const periodText = (e: { validFrom: string; validTo: string }): string => `từ ${dmy(e.validFrom)} đến ${dmy(e.validTo)}`;

/** In force on `day`: within its period and not ended before it. */
export function inForce(r: AuthorityRecord, day: string): boolean {
  if (r.ended && vietnamDay(r.ended.at) <= day) return false;
  return r.entry.validFrom <= day && day <= r.entry.validTo;
}

const overlaps = (a: { validFrom: string; validTo: string }, b: { validFrom: string; validTo: string }): boolean =>
  a.validFrom <= b.validTo && b.validFrom <= a.validTo;

/** Still to matter: not ended, or ended after the other period starts. */
const liveDuring = (r: AuthorityRecord, period: { validFrom: string; validTo: string }): boolean =>
  overlaps(r.entry, period) && (!r.ended || vietnamDay(r.ended.at) > period.validFrom);

const isLeader = (rules: AuthorityRules, userId: string): boolean => rules.head.userId === userId || rules.deputies.some((d) => d.userId === userId);
const intersects = (a: readonly string[], b: readonly string[]): boolean => a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));

/** The acting head on `day`, if any. */
const actingOn = (records: readonly AuthorityRecord[], day: string): AuthorityRecord | undefined =>
  records.find((r) => r.entry.kind === 'acting' && inForce(r, day));

/** Checks an authorisation, an acting assignment or an absence against the rules and the records; returns it parsed. */
export function checkRecordAuthority(records: readonly AuthorityRecord[], actor: Actor, raw: unknown, rules: AuthorityRules, at: string): AuthorityEntry {
  const entry = parseOrRefuse(AuthorityInputSchema, raw);
  if (entry.validTo < entry.validFrom) refuse(RefusalType.InvalidInput, 'Thời hạn không hợp lệ', [{ field: 'validTo', message: 'trước ngày bắt đầu' }]);
  if (entry.validTo < vietnamDay(at)) refuse(RefusalType.InvalidInput, 'Thời hạn đã qua', [{ field: 'validTo', message: 'đã qua' }]);
  const day = vietnamDay(at);
  switch (entry.kind) {
    case 'delegation': {
      // Only the head (or whoever holds the head's powers) authorises; an authorisation is never passed on.
      const held = records.find((r) => r.entry.kind === 'delegation' && r.entry.delegate === actor.userId && inForce(r, day));
      if (held) refuse(RefusalType.Forbidden, `Người được ủy quyền không được ủy quyền lại (Nghị định 30/2020/NĐ-CP, Điều 13, khoản 3); ${actor.name} đang được ủy quyền theo văn bản số ${held.entry.kind === 'delegation' ? held.entry.basis.number : ''}`);
      const acting = actingOn(records, day);
      const heads = actor.userId === rules.head.userId || (acting?.entry.kind === 'acting' && acting.entry.acting === actor.userId);
      if (!heads) refuse(RefusalType.Forbidden, `Chỉ ${rules.head.title} (hoặc người được giao quyền ${rules.head.title}) được ủy quyền ký thay`);
      if (entry.delegate === actor.userId || isLeader(rules, entry.delegate)) {
        refuse(RefusalType.InvalidInput, 'Người được ủy quyền là người đứng đầu một đơn vị thuộc, không phải lãnh đạo', [{ field: 'delegate', message: 'là lãnh đạo' }]);
      }
      const clash = records.find(
        (r) => r.entry.kind === 'delegation' && liveDuring(r, entry) && r.entry.matters.some((m) => entry.matters.includes(m)) && intersects(r.entry.fields, entry.fields),
      );
      if (clash && clash.entry.kind === 'delegation') {
        refuse(RefusalType.Conflict, `Trùng phạm vi và thời gian với ủy quyền số ${clash.entry.basis.number} cho ${clash.entry.delegate} (${periodText(clash.entry)}); hãy thu hồi ủy quyền đó trước`);
      }
      return entry;
    }
    case 'acting': {
      if (actor.role !== 'administrator') refuse(RefusalType.Forbidden, 'Chỉ Văn phòng ghi quyết định giao quyền của cấp trên');
      if (!rules.deputies.some((d) => d.userId === entry.acting)) refuse(RefusalType.InvalidInput, 'Người được giao quyền phải là một phó', [{ field: 'acting', message: 'không phải cấp phó' }]);
      const clash = records.find((r) => r.entry.kind === 'acting' && liveDuring(r, entry));
      if (clash) refuse(RefusalType.Conflict, `Trùng thời gian với quyết định giao quyền số ${clash.entry.kind === 'acting' ? clash.entry.basis.number : ''} (${periodText(clash.entry)})`);
      return entry;
    }
    case 'absence': {
      if (actor.role !== 'administrator' && actor.userId !== entry.absent) refuse(RefusalType.Forbidden, 'Chỉ người vắng mặt hoặc Văn phòng ghi lịch vắng mặt');
      if (!isLeader(rules, entry.absent)) refuse(RefusalType.InvalidInput, 'Người vắng mặt phải là lãnh đạo', [{ field: 'absent', message: 'không phải lãnh đạo' }]);
      if (!isLeader(rules, entry.coveredBy) || entry.coveredBy === entry.absent) {
        refuse(RefusalType.InvalidInput, 'Người phụ trách thay phải là một lãnh đạo khác', [{ field: 'coveredBy', message: 'không phải lãnh đạo khác' }]);
      }
      const clash = records.find(
        (r) => r.entry.kind === 'absence' && liveDuring(r, entry) && [r.entry.absent, r.entry.coveredBy].some((u) => u === entry.absent || u === entry.coveredBy),
      );
      if (clash && clash.entry.kind === 'absence') {
        refuse(RefusalType.Conflict, `Trùng thời gian với lịch vắng mặt đã ghi (số ${clash.seq}: ${clash.entry.absent}, ${periodText(clash.entry)})`);
      }
      return entry;
    }
  }
}

export function recordAuthority(records: AuthorityRecord[], by: Actor, entry: AuthorityEntry, at: string): AuthorityRecord {
  const record: AuthorityRecord = { seq: records.length + 1, recordedAt: at, recordedBy: by, entry, ended: null };
  records.push(record);
  return record;
}

/** Ends a record before its term: the head (or acting head) for an authorisation, the office or the absent leader for the rest. */
export function checkEndAuthority(records: readonly AuthorityRecord[], actor: Actor, raw: unknown, rules: AuthorityRules, at: string): EndAuthorityInput {
  const input = parseOrRefuse(EndAuthorityInputSchema, raw);
  const record = records.find((r) => r.seq === input.seq);
  if (!record) refuse(RefusalType.InvalidInput, `Không có bản ghi số ${input.seq}`, [{ field: 'seq', message: 'không có' }]);
  if (record.ended) refuse(RefusalType.Conflict, `Bản ghi số ${input.seq} đã kết thúc ngày ${dmy(vietnamDay(record.ended.at))}`);
  if (record.entry.validTo < vietnamDay(at)) refuse(RefusalType.Conflict, `Bản ghi số ${input.seq} đã hết hạn ngày ${dmy(record.entry.validTo)}`);
  const mayEnd =
    record.entry.kind === 'delegation'
      ? actor.userId === rules.head.userId || actor.userId === record.recordedBy.userId
      : actor.role === 'administrator' || (record.entry.kind === 'absence' && actor.userId === record.entry.absent);
  if (!mayEnd) refuse(RefusalType.Forbidden, record.entry.kind === 'delegation' ? `Chỉ ${rules.head.title} thu hồi ủy quyền` : 'Chỉ Văn phòng (hoặc người vắng mặt) kết thúc bản ghi này');
  return input;
}

export function endAuthority(records: AuthorityRecord[], by: Actor, input: EndAuthorityInput, at: string): AuthorityRecord {
  const record = records.find((r) => r.seq === input.seq)!;
  record.ended = { at, by, reason: input.reason };
  return record;
}

/** A matter to decide: its kind, the field its plan names, and the agency it concerns. */
export interface Matter {
  kind: MatterKind;
  field?: string | null | undefined;
  agency?: string | null | undefined;
}

/** The field of work of a matter: its plan's, else the one listing its agency. */
export function fieldOf(rules: AuthorityRules, matter: Matter): string | null {
  if (matter.field && rules.fields[matter.field]) return matter.field;
  const byAgency = matter.agency ? Object.entries(rules.fields).find(([, f]) => f.agencies.includes(matter.agency!)) : undefined;
  return byAgency?.[0] ?? null;
}

export type CapacityAnswer = { capacity: Capacity } | { refusal: string };

/**
 * Under which capacity `who` decides `matter` at `at`, or why they may not. In order: the head in person; the
 * acting head ("Q."); a deputy in their fields, or covering an absent leader ("KT."); a TL. grant of the working
 * rules; an authorisation in force ("TUQ.").
 */
export function capacityOf(
  /** The person, with their own title in the directory (an authorised unit head signs under it). */
  who: { userId: string; name: string; title?: string | undefined },
  matter: Matter,
  at: string,
  rules: AuthorityRules,
  records: readonly AuthorityRecord[],
): CapacityAnswer {
  const day = vietnamDay(at);
  const field = fieldOf(rules, matter);
  const fieldName = field ? (rules.fields[field]?.name ?? field) : null;
  const collective = rules.collectiveMatters.includes(matter.kind) ? rules.collective : null;
  const head = rules.head;
  const make = (form: Capacity['form'], signerTitle: string, basis: string, record: number | null, inCollective = collective): { capacity: Capacity } => ({
    capacity: { form, collective: inCollective, principalTitle: head.title, signerTitle, signer: who.name, userId: who.userId, matter: matter.kind, field, basis, record },
  });

  if (who.userId === head.userId) return make('direct', head.title, `${head.title}, người đứng đầu`, null);

  const acting = actingOn(records, day);
  if (acting?.entry.kind === 'acting' && acting.entry.acting === who.userId) {
    return make('Q.', `Q. ${head.title}`, `Quyết định số ${acting.entry.basis.number} ngày ${dmy(acting.entry.basis.date)} của ${acting.entry.basis.issuer}, ${periodText(acting.entry)}`, acting.seq);
  }

  const deputy = rules.deputies.find((d) => d.userId === who.userId);
  if (deputy) {
    if (field && deputy.fields.includes(field)) return make('KT.', deputy.title, `phân công phụ trách lĩnh vực ${fieldName} (${rules.workingRules})`, null);
    // Covering an absent leader: the head (everything), or a deputy (their fields).
    for (const r of records) {
      if (r.entry.kind !== 'absence' || r.entry.coveredBy !== who.userId || !inForce(r, day)) continue;
      const absent = r.entry.absent;
      const absentDeputy = rules.deputies.find((d) => d.userId === absent);
      if (absent === head.userId || (field && absentDeputy?.fields.includes(field))) {
        const whom = absent === head.userId ? head.title : `${absentDeputy!.title} ${absent}`;
        return make('KT.', deputy.title, `phụ trách thay ${whom} vắng mặt ${periodText(r.entry)} (bản ghi số ${r.seq})`, r.seq);
      }
    }
  }

  const grant = rules.grants.find((g) => g.userId === who.userId && g.matters.includes(matter.kind));
  if (grant) return make('TL.', grant.title, `được giao ký thừa lệnh ${matterLabels[matter.kind]} (${rules.workingRules})`, null, null);

  const delegations = records.filter((r) => r.entry.kind === 'delegation' && r.entry.delegate === who.userId && r.entry.matters.includes(matter.kind));
  for (const r of delegations) {
    if (r.entry.kind !== 'delegation' || !inForce(r, day)) continue;
    if (r.entry.fields.length > 0 && (!field || !r.entry.fields.includes(field))) continue;
    const title = rules.grants.find((g) => g.userId === who.userId)?.title ?? who.title ?? 'Người được ủy quyền';
    return make('TUQ.', title, `ủy quyền số ${r.entry.basis.number} ngày ${dmy(r.entry.basis.date)}, ${periodText(r.entry)}`, r.seq, null);
  }

  // Why not, in the words an official needs.
  const lapsed = delegations.find((r) => r.entry.kind === 'delegation' && (r.ended || r.entry.validTo < day || r.entry.validFrom > day));
  if (lapsed && lapsed.entry.kind === 'delegation') {
    const why = lapsed.ended && vietnamDay(lapsed.ended.at) <= day ? `đã bị thu hồi ngày ${dmy(vietnamDay(lapsed.ended.at))}` : lapsed.entry.validFrom > day ? `chưa có hiệu lực (${periodText(lapsed.entry)})` : `đã hết hiệu lực ngày ${dmy(lapsed.entry.validTo)}`;
    return { refusal: `Ủy quyền số ${lapsed.entry.basis.number} cho ${who.name} ${why}; không có thẩm quyền ${matterLabels[matter.kind]}` };
  }
  if (deputy) {
    return { refusal: `${deputy.title} ${who.name} không phụ trách ${fieldName ? `lĩnh vực ${fieldName}` : 'việc này'} và không được giao phụ trách thay; không có thẩm quyền ${matterLabels[matter.kind]}` };
  }
  return { refusal: `${who.name} không có thẩm quyền ${matterLabels[matter.kind]} (không phải lãnh đạo, không được ủy quyền)` };
}

/**
 * Who decides a matter now, for "my work": the deputy assigned its field, else the head (the acting head while
 * one is assigned); whoever covers them while they are away, following covers through at most a few hops.
 */
export function deciderOf(rules: AuthorityRules, records: readonly AuthorityRecord[], matter: Matter, at: string): string {
  const day = vietnamDay(at);
  const field = fieldOf(rules, matter);
  const acting = actingOn(records, day);
  const head = acting?.entry.kind === 'acting' ? acting.entry.acting : rules.head.userId;
  let who = (field ? rules.deputies.find((d) => d.fields.includes(field) && d.userId !== head)?.userId : undefined) ?? head;
  for (let hops = 0; hops < 5; hops++) {
    const away = records.find((r) => r.entry.kind === 'absence' && r.entry.absent === who && inForce(r, day));
    if (away?.entry.kind !== 'absence') break;
    who = away.entry.coveredBy;
  }
  return who;
}
