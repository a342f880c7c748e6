/** Reading plan files: one plan, or every plan of a folder, each validated against the plan's schema. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { PlanSchema, type Plan } from './plan';

function formatIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string[] {
  return issues.map((i) => `  ${prefix}${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/** Validates plan data; throws one error naming every problem with its path. */
export function parsePlan(data: unknown, source = 'plan'): Plan {
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Invalid plan ${source}:\n${formatIssues(parsed.error.issues).join('\n')}`);
  return parsed.data;
}

function readJson(file: string): unknown {
  const raw = readFileSync(file, 'utf8');
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new Error(`Invalid plan ${file}: not JSON (${(e as Error).message})`);
  }
}

/** Reads and validates one plan file. */
export function loadPlan(file: string): Plan {
  return parsePlan(readJson(file), file);
}

/** Reads and validates every `*.json` plan in a directory (sorted by file name); one error lists every problem of every file. */
export function loadPlans(dir: string): Plan[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const plans: Plan[] = [];
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    let data: unknown;
    try {
      data = readJson(file);
    } catch (e) {
      problems.push(`  ${file}: ${(e as Error).message}`);
      continue;
    }
    const parsed = PlanSchema.safeParse(data);
    if (!parsed.success) {
      problems.push(...formatIssues(parsed.error.issues, `${file}: `));
      continue;
    }
    const other = ids.get(parsed.data.id);
    if (other) problems.push(`  ${file}: id: duplicate plan id ${parsed.data.id} (also in ${other})`);
    ids.set(parsed.data.id, file);
    plans.push(parsed.data);
  }
  if (problems.length) throw new Error(`Invalid plans in ${dir}:\n${problems.join('\n')}`);
  return plans;
}
