/**
 * Compiles the consolidated report from the gathered inputs, as a pure function: only accepted reports count
 * towards results, every figure keeps the sources it was summed from, and whoever is late or missing is named.
 */
import type { AssignmentInputRow, CompiledReport, Figures, GatheredInputs, ReportPlan, Source } from './messages';

export const zeroFigures = (): Figures => ({ eventsHeld: 0, peopleReached: 0, giftsGiven: 0, giftsValue: 0, moneySpent: 0 });

function add(sum: Figures, f: Figures): Figures {
  return {
    eventsHeld: sum.eventsHeld + f.eventsHeld,
    peopleReached: sum.peopleReached + f.peopleReached,
    giftsGiven: sum.giftsGiven + f.giftsGiven,
    giftsValue: sum.giftsValue + f.giftsValue,
    moneySpent: sum.moneySpent + f.moneySpent,
  };
}

const sourceOfRow = (a: AssignmentInputRow, dated: boolean): Source | null =>
  a.accepted ? { kind: 'assignment', workflowId: a.workflowId, version: a.accepted.version, ...(dated ? { at: a.accepted.submittedAt } : {}) } : null;

/** Section number of an activity code of part II: "II.4.b" → 4. */
export function sectionOf(activity: string): number | undefined {
  const m = /^II\.(\d+)/.exec(activity);
  return m ? Number(m[1]) : undefined;
}

export interface CompileOptions {
  /**
   * Each report counts once, in the section of its assignment's first activity (the sections add up), and
   * spending past the approved amount is counted. False: as reports were compiled before (patch
   * `report-figures-once`), kept so those workflows replay as they ran.
   */
  countOnce: boolean;
  /** Sources carry when the version used was sent, for the report's appendix of sources (patch `report-source-dates`). */
  sourceDates?: boolean;
}

/** The section an assignment is counted in: that of its first activity found in a section of the plan. */
const primarySection = (plan: ReportPlan, a: AssignmentInputRow): number | undefined =>
  a.activities.map(sectionOf).find((n) => n !== undefined && plan.sections.some((s) => s.number === n));

export function compileReport(plan: ReportPlan, inputs: GatheredInputs, options: CompileOptions = { countOnce: true }): CompiledReport {
  const dated = options.sourceDates ?? false;
  const sourceOf = (a: AssignmentInputRow): Source | null => sourceOfRow(a, dated);
  const assignments = [...inputs.assignments].sort((a, b) => a.number - b.number || a.agency.localeCompare(b.agency));
  const accepted = assignments.filter((a) => a.accepted);

  const totals = accepted.reduce((s, a) => add(s, a.accepted!.figures), zeroFigures());

  const touches = (a: AssignmentInputRow, section: number): boolean => a.activities.some((code) => sectionOf(code) === section);
  const sections = plan.sections.map((section) => {
    // The plan gives no split of a report's figures between its activities: count it once, where it starts.
    const contributing = options.countOnce ? accepted.filter((a) => primarySection(plan, a) === section.number) : accepted.filter((a) => touches(a, section.number));
    const also = options.countOnce ? accepted.filter((a) => touches(a, section.number) && primarySection(plan, a) !== section.number) : [];
    return {
      number: section.number,
      heading: section.heading,
      agencies: contributing.map((a) => a.agency),
      figures: contributing.reduce((s, a) => add(s, a.accepted!.figures), zeroFigures()),
      sources: contributing.map((a) => sourceOf(a)!),
      ...(options.countOnce ? { alsoAgencies: also.map((a) => a.agency) } : {}),
    };
  });
  const outside = accepted.filter((a) => primarySection(plan, a) === undefined);

  const agencies = assignments.map((a) => ({
    number: a.number,
    agency: a.agency,
    name: a.agencyName,
    status: a.status,
    figures: a.accepted?.figures ?? null,
    late: a.accepted?.late ?? false,
    source: sourceOf(a),
  }));

  const communeRows = inputs.communes.map((c) => ({
    ...c,
    source: c.submission ? ({ kind: 'commune-plan', workflowId: c.workflowId, version: c.submission.version, ...(dated ? { at: c.submission.at } : {}) } as Source) : null,
  }));
  const count = (pred: (c: (typeof communeRows)[number]) => boolean): number => communeRows.filter(pred).length;
  const communes = {
    totals: {
      communes: communeRows.length,
      accepted: count((c) => c.status === 'accepted'),
      submitted: count((c) => c.status === 'submitted'),
      returned: count((c) => c.status === 'returned'),
      awaiting: count((c) => c.status === 'awaiting_submission' || c.status === 'not_started'),
      late: count((c) => c.submission?.late === true),
    },
    rows: communeRows,
  };

  // Budgets per agency: withdrawn estimates asked for nothing in the end; spending is what the reports say.
  const budgetAgencies = new Map<string, { requested: number; approved: number; sources: Source[] }>();
  for (const b of inputs.budgets) {
    if (b.status === 'withdrawn') continue;
    const row = budgetAgencies.get(b.agency) ?? { requested: 0, approved: 0, sources: [] };
    row.requested += b.requested;
    if (b.status === 'approved') row.approved += b.approved ?? 0;
    row.sources.push({ kind: 'budget', workflowId: b.workflowId, version: b.version });
    budgetAgencies.set(b.agency, row);
  }
  const spentBy = new Map<string, { spent: number; sources: Source[] }>();
  for (const a of accepted) {
    const row = spentBy.get(a.agency) ?? { spent: 0, sources: [] };
    row.spent += a.accepted!.figures.moneySpent;
    row.sources.push(sourceOf(a)!);
    spentBy.set(a.agency, row);
  }
  const nameOf = (agency: string): string =>
    assignments.find((a) => a.agency === agency)?.agencyName ?? inputs.agencyNames[agency] ?? agency;
  const budgetRows = [...new Set([...budgetAgencies.keys(), ...spentBy.keys()])]
    .filter((agency) => budgetAgencies.has(agency) || (spentBy.get(agency)?.spent ?? 0) > 0)
    .map((agency) => {
      const b = budgetAgencies.get(agency);
      const s = spentBy.get(agency);
      const approved = b?.approved ?? 0;
      const spent = s?.spent ?? 0;
      return {
        agency,
        name: nameOf(agency),
        requested: b?.requested ?? 0,
        approved,
        spent,
        ...(options.countOnce ? { overspent: Math.max(spent - approved, 0) } : {}),
        sources: [...(b?.sources ?? []), ...(s?.sources ?? [])],
      };
    })
    .sort((x, y) => x.agency.localeCompare(y.agency));
  const sums = budgetRows.reduce(
    (t, r) => ({ requested: t.requested + r.requested, approved: t.approved + r.approved, spent: t.spent + r.spent, overspent: t.overspent + (r.overspent ?? 0) }),
    { requested: 0, approved: 0, spent: 0, overspent: 0 },
  );
  const budgetTotals = options.countOnce ? sums : { requested: sums.requested, approved: sums.approved, spent: sums.spent };

  return {
    asOf: inputs.asOf,
    totals,
    totalSources: accepted.map((a) => sourceOf(a)!),
    ...(options.countOnce ? { attribution: 'primary' as const } : {}),
    sections,
    ...(options.countOnce && outside.length
      ? { unattributed: { agencies: outside.map((a) => a.agency), figures: outside.reduce((s, a) => add(s, a.accepted!.figures), zeroFigures()), sources: outside.map((a) => sourceOf(a)!) } }
      : {}),
    agencies,
    communes,
    budgets: { rows: budgetRows, totals: budgetTotals },
    lateness: {
      lateAgencies: accepted.filter((a) => a.accepted!.late).map((a) => ({ number: a.number, agency: a.agency, name: a.agencyName, source: sourceOf(a)! })),
      missingAgencies: assignments.filter((a) => !a.accepted).map((a) => ({ number: a.number, agency: a.agency, name: a.agencyName, status: a.status })),
      lateCommunes: communeRows.filter((c) => c.submission?.late).map((c) => ({ commune: c.commune, name: c.name, daysLate: c.submission!.daysLate })),
      missingCommunes: communeRows
        .filter((c) => c.status === 'awaiting_submission' || c.status === 'returned' || c.status === 'not_started')
        .map((c) => ({ commune: c.commune, name: c.name, status: c.status })),
    },
  };
}

/**
 * The numbers of part I's sections: the communes' plans are section 4 only when the plan addressed communes
 * (a commune's own plan addresses its offices and organisations), and the sections after it move up.
 */
export function resultSectionNumbers(report: Pick<CompiledReport, 'communes'>): { communes: number | null; budgets: number; lateness: number } {
  return report.communes.totals.communes > 0 ? { communes: 4, budgets: 5, lateness: 6 } : { communes: null, budgets: 4, lateness: 5 };
}

/** The first narrative of the assessment, from the figures; the office rewrites it as it sees fit. */
export function defaultNarrative(report: CompiledReport): string {
  const n = report.agencies.length;
  const done = n - report.lateness.missingAgencies.length;
  const c = report.communes.totals;
  const numbers = resultSectionNumbers(report);
  const lines = [
    `Các cơ quan, đơn vị, địa phương đã tích cực triển khai thực hiện Kế hoạch; ${done}/${n} nhiệm vụ đã có báo cáo kết quả được chấp nhận` +
      (numbers.communes ? `; ${c.accepted}/${c.communes} xã, thị trấn đã ban hành kế hoạch được chấp nhận.` : '.'),
  ];
  if (report.lateness.missingAgencies.length || report.lateness.lateAgencies.length || report.lateness.missingCommunes.length) {
    lines.push(`Tồn tại, hạn chế: một số đơn vị, địa phương chưa báo cáo hoặc báo cáo chậm so với thời hạn (chi tiết tại mục I.${numbers.lateness}).`);
  }
  const over = report.budgets.rows.filter((r) => (r.overspent ?? 0) > 0);
  if (over.length) {
    lines.push(`Kinh phí: ${over.map((r) => r.name).join('; ')} đã chi vượt dự toán được phê duyệt (chi tiết tại mục I.${numbers.budgets}); đề nghị làm rõ nguồn và thủ tục bổ sung dự toán.`);
  }
  return lines.join('\n\n');
}
