/**
 * The directory of a tenant (the issuer of plans: a district of 2024, a commune or a province of today): its
 * agencies, subordinate units and the people who act for them, and the names its texts use (`issuer`).
 * Data, not code: a second tenant needs only a second directory file (catalog/tenants/).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

import { RoleSchema, type Role } from '../workflows/common/actor';
import { PartiesSchema, SEED_PARTIES, type Parties } from '../workflows/common/agencies';
import { AuthorityRulesSchema, type AuthorityRules } from '../workflows/authority/messages';

export { Roles, RoleSchema, type Role } from '../workflows/common/actor';

/**
 * Kinds of unit: district agencies (the inspectorate among them, apart from the leadership it inspects) are
 * directed by the plan; Party bodies, the Fatherland Front and the socio-political (mass) organisations are
 * requested, since a People's Committee does not give them orders.
 */
export const UnitKindSchema = z.enum([
  'leadership',
  'office',
  'agency',
  'inspectorate',
  'party_body',
  'fatherland_front',
  'mass_organisation',
  'commune',
  'town',
  // Since 1 July 2025 the communal level is communes, wards and special zones (xã, phường, đặc khu).
  'ward',
  'special_zone',
  'province',
  // The level above a province: the Government, a ministry (the report of a province's plan goes there).
  'central',
]);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** Units the plan requests (Đề nghị …) rather than directs. */
export const REQUESTED_KINDS: readonly UnitKind[] = ['party_body', 'fatherland_front', 'mass_organisation'];
export const isRequestedKind = (kind: UnitKind | undefined): boolean => kind !== undefined && REQUESTED_KINDS.includes(kind);

const code = z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes');

export const UnitSchema = z.object({
  code,
  name: z.string().min(1),
  shortName: z.string().min(1).optional(),
  /** Abbreviation a document uses for the unit that drafted it ("Lưu: VT, VP"), Nghị định 30/2020. */
  abbreviation: z.string().min(1).optional(),
  /** The name written out in a document's text, e.g. "Ủy ban nhân dân tỉnh Lạng Sơn" (the report is addressed to it). */
  formalName: z.string().min(1).optional(),
  kind: UnitKindSchema,
  /** Official mailbox of the unit; reminders and notices go here as well as to its people. */
  email: z.string().email(),
});
export type Unit = z.infer<typeof UnitSchema>;

export const UserSchema = z.object({
  id: code,
  name: z.string().min(1),
  title: z.string().min(1).optional(),
  email: z.string().email(),
  agency: code,
  role: RoleSchema,
});
export type User = z.infer<typeof UserSchema>;

export const DirectorySchema = z
  .object({
    /** What the file is and which of its names are real (a tenant shipped as an example says so here). */
    about: z.string().optional(),
    /** The district, for a district's directory (districts ended on 1 July 2025; the seed plan is of 2024). */
    district: z.string().min(1).optional(),
    province: z.string().min(1),
    /**
     * How the tenant's texts name the issuing body: in full ("UBND huyện Bắc Sơn"), short ("UBND huyện"), and
     * its level ("huyện"; "tỉnh", "xã", "phường" for a present-day issuer); and the sender of its emails.
     * Messages take these from here, never from a constant.
     */
    issuer: z.object({
      name: z.string().min(1),
      shortName: z.string().min(1),
      level: z.string().min(1),
      mailFrom: z.string().min(3),
    }),
    /**
     * Which unit holds each duty of the processes: the leadership that decides, the office that administers,
     * the agency that appraises estimates, the level above that receives the report, and the agency that
     * reviews the agencies' reports and the communes' plans of a campaign (the plan's coordinator: the seed's
     * Military Command). Absent: the seed district's codes.
     */
    parties: PartiesSchema.extend({ reviewer: code }).default({ ...SEED_PARTIES, reviewer: 'bchqs' }),
    /**
     * Who signs for whom under the working rules (workflows/authority/messages.ts): the head, each deputy's
     * fields, the TL. grants. Absent: leaders decide as leaders, and no decision records a capacity.
     */
    authority: AuthorityRulesSchema.optional(),
    units: z.array(UnitSchema).min(1),
    users: z.array(UserSchema),
  })
  .superRefine((d, ctx) => {
    const codes = new Set<string>();
    d.units.forEach((u, i) => {
      if (codes.has(u.code)) ctx.addIssue({ code: 'custom', path: ['units', i, 'code'], message: `duplicate unit ${u.code}` });
      codes.add(u.code);
    });
    // Each duty is held by a unit of the directory, of the kind that can hold it.
    const dutyKinds: Record<keyof DirectoryData['parties'], readonly UnitKind[]> = {
      leadership: ['leadership'],
      office: ['office'],
      appraiser: ['agency', 'office'],
      above: ['province', 'central'],
      reviewer: ['agency', 'office'],
    };
    for (const [duty, unitCode] of Object.entries(d.parties) as Array<[keyof DirectoryData['parties'], string]>) {
      const unit = d.units.find((u) => u.code === unitCode);
      if (!unit) ctx.addIssue({ code: 'custom', path: ['parties', duty], message: `unknown unit ${unitCode}` });
      else if (!dutyKinds[duty].includes(unit.kind)) {
        ctx.addIssue({ code: 'custom', path: ['parties', duty], message: `${unitCode} is a unit of kind ${unit.kind}, not ${dutyKinds[duty].join(' or ')}` });
      }
    }
    const ids = new Set<string>();
    d.users.forEach((u, i) => {
      if (ids.has(u.id)) ctx.addIssue({ code: 'custom', path: ['users', i, 'id'], message: `duplicate user ${u.id}` });
      ids.add(u.id);
      if (!codes.has(u.agency)) ctx.addIssue({ code: 'custom', path: ['users', i, 'agency'], message: `unknown unit ${u.agency}` });
    });
    if (d.authority) checkAuthority(d.authority, d, ctx);
  });
export type DirectoryData = z.infer<typeof DirectorySchema>;

/** The head and the deputies are leaders; fields name known units; grants name known people. */
function checkAuthority(a: AuthorityRules, d: { users: User[]; units: Unit[] }, ctx: z.RefinementCtx): void {
  const leader = (userId: string, path: Array<string | number>): void => {
    const u = d.users.find((x) => x.id === userId);
    if (!u) ctx.addIssue({ code: 'custom', path, message: `unknown user ${userId}` });
    else if (u.role !== 'leader') ctx.addIssue({ code: 'custom', path, message: `${userId} is not a leader` });
  };
  leader(a.head.userId, ['authority', 'head', 'userId']);
  a.deputies.forEach((dep, i) => {
    leader(dep.userId, ['authority', 'deputies', i, 'userId']);
    dep.fields.forEach((f, j) => {
      if (!a.fields[f]) ctx.addIssue({ code: 'custom', path: ['authority', 'deputies', i, 'fields', j], message: `unknown field ${f}` });
    });
  });
  for (const [code, field] of Object.entries(a.fields)) {
    field.agencies.forEach((agency, j) => {
      if (!d.units.some((u) => u.code === agency)) ctx.addIssue({ code: 'custom', path: ['authority', 'fields', code, 'agencies', j], message: `unknown unit ${agency}` });
    });
  }
  a.grants.forEach((g, i) => {
    if (!d.users.some((u) => u.id === g.userId)) ctx.addIssue({ code: 'custom', path: ['authority', 'grants', i, 'userId'], message: `unknown user ${g.userId}` });
  });
}

/** Read-only view of the directory with the look-ups the service needs. */
export class Directory {
  private readonly unitsByCode: Map<string, Unit>;
  private readonly usersById: Map<string, User>;

  constructor(readonly data: DirectoryData) {
    this.unitsByCode = new Map(data.units.map((u) => [u.code, u]));
    this.usersById = new Map(data.users.map((u) => [u.id, u]));
  }

  static fromFile(file: string): Directory {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const parsed = DirectorySchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`Invalid directory ${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    }
    return new Directory(parsed.data);
  }

  /** The units holding the duties every case names (workflows/common/agencies.ts): a case is started with these. */
  get parties(): Parties {
    const { leadership, office, appraiser, above } = this.data.parties;
    return { leadership, office, appraiser, above };
  }

  /** The working rules' authority, if the tenant has set it down. */
  get authority(): AuthorityRules | undefined {
    return this.data.authority;
  }

  unit(code: string): Unit | undefined {
    return this.unitsByCode.get(code);
  }

  user(id: string): User | undefined {
    return this.usersById.get(id);
  }

  units(kind?: UnitKind): Unit[] {
    return kind ? this.data.units.filter((u) => u.kind === kind) : [...this.data.units];
  }

  /** Communes and the town: the units that issue their own plans. */
  communes(): Unit[] {
    return this.data.units.filter((u) => u.kind === 'commune' || u.kind === 'town');
  }

  usersOf(agency: string, role?: Role): User[] {
    return this.data.users.filter((u) => u.agency === agency && (!role || u.role === role));
  }

  /** Addresses for a unit: its people of the given role (all people if none given) and its official mailbox. */
  addressesOf(agency: string, role?: Role): string[] {
    const unit = this.unit(agency);
    const people = this.usersOf(agency, role).map((u) => u.email);
    return [...new Set([...(unit ? [unit.email] : []), ...people])];
  }
}

/** The communal level a plan addresses as "communes": communes and towns of 2024; communes, wards, special zones since. */
export const COMMUNAL_KINDS: readonly UnitKind[] = ['commune', 'town', 'ward', 'special_zone'];
export const isCommunalKind = (kind: UnitKind | undefined): boolean => kind !== undefined && COMMUNAL_KINDS.includes(kind);
