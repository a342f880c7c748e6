/**
 * An issued administrative plan (kế hoạch) as data: its identification, purposes (section I), activities with
 * their time windows (section II), assignments to agencies and communes (section III), recipients and signature.
 *
 * Data, not code: a second plan needs only a second JSON file in `catalog/plans/` (read by `loadPlans`, catalog/plan-files.ts).
 * Texts are kept exactly as issued (Vietnamese, UTF-8), so a document can be rendered back from the data;
 * machine-readable fields (dates, codes, flags) sit next to the text they were read from.
 *
 * Dates of issue: plans are often registered before the day (and even the number) is filled in by hand —
 * the seed reads "Số: /KH-UBND" and "ngày tháng 02 năm 2024". So `number` is optional, and `issued` keeps the
 * year, an optional month and an optional day, plus the text as printed. `issuedDate()` gives the full
 * ISO date only when all three are known.
 */
import { z } from 'zod';
import type { UnitKind } from './directory';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');
const unitCode = z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes');
const text = z.string().trim().min(1);
const isoDate = z.iso.date();

/** Assignment targets that are not a single unit of the directory. */
export const COMMUNES = 'communes' as const;
export const ALL_AGENCIES = 'all-agencies' as const;
/** `communes`: every commune and the town (UBND các xã, thị trấn). `all-agencies`: every district agency,
 * the office, Party bodies and mass organisations (các cơ quan, đơn vị; các tổ chức chính trị - xã hội). */
export const SPECIAL_TARGETS = [COMMUNES, ALL_AGENCIES] as const;
export type SpecialTarget = (typeof SPECIAL_TARGETS)[number];

/** Unit kinds `all-agencies` stands for. */
export const AGENCY_KINDS: readonly UnitKind[] = ['office', 'agency', 'inspectorate', 'party_body', 'fatherland_front', 'mass_organisation'];

/** Activity codes: section II, section number, letter of the bullet (II.1.a, II.1.b, ...). */
const activityCode = z.string().regex(/^II\.\d+\.[a-z]$/, 'activity code like II.1.a');

/** When an activity takes place, as printed and, where the text allows, as dates. */
export const TimeWindowSchema = z
  .strictObject({
    /** Label printed before the window, e.g. "Thời gian thực hiện"; absent when the window stands alone. */
    label: text.optional(),
    /** The window as printed, e.g. "quý I, II năm 2024", "tháng 3 đến tháng 5/2024", "Khi cấp trên phát động". */
    text,
    /** First day of the window (inclusive). */
    from: isoDate.optional(),
    /** Last day of the window (inclusive). */
    to: isoDate.optional(),
    /** The activity starts when a higher level launches it; no dates are known in advance. */
    whenTriggered: z.boolean().optional(),
    /** How the text was read into dates, where it needed interpretation. */
    note: text.optional(),
  })
  .superRefine((w, ctx) => {
    if (w.whenTriggered && (w.from || w.to)) {
      ctx.addIssue({ code: 'custom', path: ['whenTriggered'], message: 'a triggered window has no from/to dates' });
    }
    if (w.from && w.to && w.from > w.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `window ends (${w.to}) before it starts (${w.from})` });
    }
  });
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export const ActivitySchema = z.strictObject({
  /** Stable code, e.g. "II.1.a": referenced by assignments, budget lines and reports. */
  code: activityCode,
  /** Full text of the bullet as issued (without its time window). */
  text,
  /** Time window printed with this bullet, if any (see also the section's `when`). */
  when: TimeWindowSchema.optional(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ContentSectionSchema = z.strictObject({
  /** Number within section II (1, 2, ...). */
  number: z.number().int().positive(),
  /** Heading, e.g. "Công tác tuyên truyền, giáo dục". */
  heading: text,
  /** The section is one paragraph written on the heading's line ("3. Heading: text") rather than bullets. */
  inline: z.boolean().optional(),
  /** Time window printed once for the whole section (applies to every activity without its own). */
  when: TimeWindowSchema.optional(),
  activities: z.array(ActivitySchema).min(1),
});
export type ContentSection = z.infer<typeof ContentSectionSchema>;

export const AssignmentSchema = z.strictObject({
  /** Item number in section III. */
  number: z.number().int().positive(),
  /** Unit code of the directory, or `communes` / `all-agencies`. */
  agency: unitCode,
  /** The addressee as printed (without "Đề nghị"), e.g. "Ban Chỉ huy Quân sự huyện". */
  addressee: text,
  /** District agencies are directed; Party bodies and mass organisations are requested ("Đề nghị ..."). */
  mode: z.enum(['directed', 'requested']),
  /** Where the text says so: "Chủ trì" (lead) or "Phối hợp" (cooperating). */
  role: z.enum(['lead', 'cooperating']).optional(),
  /** Lead coordinator of the whole plan ("trung tâm hiệp đồng"). */
  coordinator: z.boolean().default(false),
  /** What is asked, as printed: one entry per bullet, or the single paragraph after the addressee. */
  tasks: z.array(text).min(1),
  /** Section II activities this assignment carries out. */
  activities: z.array(activityCode).default([]),
  /** Units the text names as partners ("phối hợp với ..."). */
  cooperatingWith: z.array(unitCode).default([]),
  /** The agency estimates the cost of its activities and sends it for appraisal ("dự trù kinh phí ... thẩm định"). */
  submitsBudgetEstimate: z.boolean().default(false),
  /** The agency appraises the estimates of the assigned agencies ("thẩm định dự toán"). */
  appraisesBudgets: z.boolean().default(false),
  /** Each unit targeted must issue its own plan based on this one ("xây dựng kế hoạch ... tại địa phương"). */
  issuesOwnPlan: z.boolean().default(false),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

export const RecipientSchema = z.strictObject({
  /** The line of "Nơi nhận" as printed, without its leading dash and trailing semicolon. */
  text,
  /** Unit codes (or `communes` / `all-agencies`) the line maps to; empty when it maps to none. */
  units: z.array(unitCode).default([]),
  /** "(B/c)": sent for report (báo cáo) to a higher level. */
  forReport: z.boolean().default(false),
  /** "Lưu: VT": the issuer's archive copy. */
  archive: z.boolean().default(false),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const BasisSchema = z.strictObject({
  /** Kind of document, e.g. "Kế hoạch". */
  kind: text,
  number: text,
  symbol: text,
  date: isoDate,
  issuer: text,
  /** Directory code of the issuer, where it has one. */
  issuerUnit: unitCode.optional(),
  subject: text,
});
export type Basis = z.infer<typeof BasisSchema>;

export const PlanSchema = z
  .strictObject({
    /** Stable slug, also the file name in catalog/plans/. */
    id: slug,
    /** What the file is and which of its texts are real; an example plan says so here. */
    about: text.optional(),
    /** Kind of document as printed in the title block, e.g. "KẾ HOẠCH". */
    documentType: text,
    /** Number (số); absent while it is still blank on the document. */
    number: text.optional(),
    /** Symbol (ký hiệu), e.g. "KH-UBND". */
    symbol: text,
    /**
     * Who issued the plan, at any level: a province, a commune, ward or special zone of today, or a district
     * for a plan of before 1 July 2025 (the seed: "Ủy ban nhân dân huyện Bắc Sơn").
     */
    issuer: z.strictObject({
      name: text,
      shortName: text.optional(),
      level: z.enum(['province', 'district', 'commune', 'ward', 'special_zone']).default('district'),
      /** The district, for a district's plan. */
      district: text.optional(),
      province: text,
    }),
    /** Place of issue, e.g. "Bắc Sơn". */
    place: text,
    /** Date of issue; day and month may still be blank on the document. */
    issued: z
      .strictObject({
        /** As printed, e.g. "ngày tháng 02 năm 2024". */
        text,
        year: z.number().int().min(1945).max(2100),
        month: z.number().int().min(1).max(12).optional(),
        day: z.number().int().min(1).max(31).optional(),
      })
      .superRefine((d, ctx) => {
        if (d.day !== undefined && d.month === undefined) {
          ctx.addIssue({ code: 'custom', path: ['day'], message: 'a day needs a month' });
        } else if (d.day !== undefined && d.month !== undefined) {
          const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
          if (new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
            ctx.addIssue({ code: 'custom', path: ['day'], message: `no such date ${iso}` });
          }
        }
      }),
    title: text,
    /** Documents the plan implements. */
    basis: z.array(BasisSchema).default([]),
    /** The opening paragraph as printed ("Thực hiện ... như sau:"). */
    preamble: text,
    /** Section I. */
    purposes: z.strictObject({
      heading: text,
      items: z.array(z.strictObject({ number: z.number().int().positive(), text })).min(1),
    }),
    /** Section II. */
    content: z.strictObject({
      heading: text,
      sections: z.array(ContentSectionSchema).min(1),
    }),
    /** Section III. */
    implementation: z.strictObject({
      heading: text,
      assignments: z.array(AssignmentSchema).min(1),
    }),
    /** Closing paragraph ("Trên đây là Kế hoạch ..."). */
    closing: text,
    recipients: z.array(RecipientSchema).min(1),
    /**
     * The field of work (lĩnh vực) of the directory's authority the plan belongs to: the deputy assigned it
     * decides the plan's matters ("KT. CHỦ TỊCH"). Absent: each matter's agency tells its field.
     */
    field: z.string().regex(/^[a-z0-9-]+$/).optional(),
    signature: z.strictObject({
      /** Signing on behalf, e.g. "KT. CHỦ TỊCH"; absent when the head signs in person. */
      form: text.optional(),
      /** Position of the signer, e.g. "PHÓ CHỦ TỊCH". */
      position: text,
      signer: text,
      /** The signer's user id in the directory, where they have one. */
      signerUserId: unitCode.optional(),
    }),
  })
  .superRefine((plan, ctx) => {
    const sectionNumbers = new Set<number>();
    const codes = new Set<string>();
    plan.content.sections.forEach((s, i) => {
      if (sectionNumbers.has(s.number)) {
        ctx.addIssue({ code: 'custom', path: ['content', 'sections', i, 'number'], message: `duplicate section ${s.number}` });
      }
      sectionNumbers.add(s.number);
      if (s.inline && s.activities.length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['content', 'sections', i, 'inline'], message: 'an inline section has exactly one activity' });
      }
      s.activities.forEach((a, j) => {
        const where = ['content', 'sections', i, 'activities', j, 'code'];
        if (!a.code.startsWith(`II.${s.number}.`)) {
          ctx.addIssue({ code: 'custom', path: where, message: `activity ${a.code} is not in section II.${s.number}` });
        }
        if (codes.has(a.code)) ctx.addIssue({ code: 'custom', path: where, message: `duplicate activity ${a.code}` });
        codes.add(a.code);
      });
    });
    const numbers = new Set<number>();
    plan.implementation.assignments.forEach((a, i) => {
      const base = ['implementation', 'assignments', i];
      if (numbers.has(a.number)) ctx.addIssue({ code: 'custom', path: [...base, 'number'], message: `duplicate assignment ${a.number}` });
      numbers.add(a.number);
      a.activities.forEach((c, j) => {
        if (!codes.has(c)) ctx.addIssue({ code: 'custom', path: [...base, 'activities', j], message: `unknown activity ${c}` });
      });
      if (a.cooperatingWith.includes(a.agency)) {
        ctx.addIssue({ code: 'custom', path: [...base, 'cooperatingWith'], message: 'an agency does not cooperate with itself' });
      }
      if (a.issuesOwnPlan && a.agency === ALL_AGENCIES) {
        ctx.addIssue({ code: 'custom', path: [...base, 'issuesOwnPlan'], message: 'only communes (or single units) issue their own plans' });
      }
    });
  });
export type Plan = z.infer<typeof PlanSchema>;

/** The ISO date of issue, when day, month and year are all filled in. */
export function issuedDate(plan: Plan): string | undefined {
  const { year, month, day } = plan.issued;
  if (month === undefined || day === undefined) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Number and symbol as printed: "15/KH-UBND", or "/KH-UBND" while the number is blank. */
export function documentReference(plan: Plan): string {
  return `${plan.number ?? ''}/${plan.symbol}`;
}

export interface ActivityEntry extends Activity {
  sectionNumber: number;
  sectionHeading: string;
  /** The activity's own window, or else its section's. */
  window?: TimeWindow | undefined;
}

/** Every activity of section II with its section and effective time window. */
export function listActivities(plan: Plan): ActivityEntry[] {
  return plan.content.sections.flatMap((s) =>
    s.activities.map((a) => ({ ...a, sectionNumber: s.number, sectionHeading: s.heading, window: a.when ?? s.when })),
  );
}
