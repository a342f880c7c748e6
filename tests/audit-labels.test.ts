/**
 * Every action a workflow accepts (its Updates and Signals, from the messages modules the API imports) and
 * every workflow type has a Vietnamese label in the audit, so an inspector never reads an engine name; and a
 * case's actions are declared in its process list (workflows/<process>/actions.ts), each with its route.
 */
import * as assignment from '../workflows/assignment/messages';
import * as budget from '../workflows/budget/messages';
import * as calendar from '../workflows/calendar/messages';
import * as campaign from '../workflows/campaign/messages';
import * as communePlan from '../workflows/commune-plan/messages';
import * as digest from '../workflows/digest/messages';
import * as mail from '../workflows/mail/messages';
import * as notifications from '../workflows/notifications/messages';
import * as report from '../workflows/report/messages';
import * as readLog from '../workflows/audit-read-log/messages';
import * as authority from '../workflows/authority/messages';
import * as workflows from '../workflows';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createDocumentStore } from '../activities/document-store';
import { createApp } from '../api/app';
import { actionLabels, caseActionLists, startAnswerUpdates, closeLabels, fieldLabels, noticeEventLabels, roleLabels, startLabels, statusLabels, timelineKindLabels, workflowTypeLabels } from '../api/audit/labels';
import { caseKinds } from '../workflows/common/cases';
import { directory, tempDir } from './support/temporal';
import { roleLabels as consoleRoleLabels } from '../console/src/labels';
import { engineWordIn } from './support/words';

const modules = { assignment, budget, calendar, campaign, communePlan, digest, mail, notifications, report, readLog, authority };

const actionsOf = (m: Record<string, unknown>): string[] =>
  Object.values(m).flatMap((v) =>
    v && typeof v === 'object' && 'type' in v && 'name' in v && ((v as { type: string }).type === 'update' || (v as { type: string }).type === 'signal') ? [(v as { name: string }).name] : [],
  );

test('every Update and Signal of every workflow has a label in the audit', () => {
  const names = [...new Set(Object.values(modules).flatMap((m) => actionsOf(m as Record<string, unknown>)))].sort();
  expect(names.length).toBeGreaterThan(20);
  expect(names.filter((n) => !actionLabels[n])).toEqual([]);
});

test('every workflow type the worker runs has a label, and no label names a type that no longer exists', () => {
  const types = Object.keys(workflows).sort();
  expect(types.filter((t) => !workflowTypeLabels[t])).toEqual([]);
  expect(Object.keys(workflowTypeLabels).filter((t) => !types.includes(t))).toEqual([]);
});

describe('every action of a case is declared once, in its process list, and everything else follows from it', () => {
  /** The Updates each case process defines, by the messages module next to its workflow. */
  const updatesOf = (m: Record<string, unknown>): string[] =>
    Object.values(m).flatMap((v) => (v && typeof v === 'object' && (v as { type?: string }).type === 'update' ? [(v as { name: string }).name] : []))
      // The answer to a submission comes with the start; it is not an action with a route.
      .filter((name) => !startAnswerUpdates.has(name));
  const processes = { budget: budget as Record<string, unknown>, communePlan: communePlan as Record<string, unknown>, assignment: assignment as Record<string, unknown>, report: report as Record<string, unknown> };

  test.each(Object.keys(processes) as Array<keyof typeof processes>)('%s: each Update is in the list, with a label and a path of its own', (kind) => {
    const list = Object.values(caseActionLists[kind]);
    expect(list.map((a) => a.update.name).sort()).toEqual(updatesOf(processes[kind]).sort());
    for (const a of list) {
      expect(a.label.trim()).not.toBe('');
      expect(a.summary.trim()).not.toBe('');
      expect(a.path).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
    expect(new Set(list.map((a) => a.path)).size).toBe(list.length);
  });

  test('each action has its route in the API document, and the case its list of allowed actions', async () => {
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const app = createApp({
      client,
      directory,
      taskQueue: 'labels',
      budgetPolicy: { appraisalDays: 5, revisionDays: 5, decisionDays: 3, reminderBefore: 1 },
      documents: createDocumentStore({ dir: tempDir('labels-'), maxBytes: 1 }),
      auth: { issuer: 'test', audience: 'test', secret: new Uint8Array(32) },
    });
    const doc = (await request(app).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { summary?: string }>> };
    const one = { budget: '/{id}', communePlan: '/{id}', assignment: '/{campaignId}/{assignment}', report: '/{id}' } as const;
    const missing: string[] = [];
    for (const kind of Object.keys(caseActionLists) as Array<keyof typeof caseActionLists>) {
      const base = `/api/v1/${caseKinds[kind].segment}${one[kind]}`;
      const allowed = doc.paths[`${base}/actions`]?.get as { responses?: Record<string, { content?: Record<string, { schema?: { properties?: { allowed?: { items?: { enum?: string[] } } } } }> }> } | undefined;
      const names = allowed?.responses?.['200']?.content?.['application/json']?.schema?.properties?.allowed?.items?.enum ?? [];
      for (const a of Object.values(caseActionLists[kind])) {
        if (doc.paths[`${base}/${a.path}`]?.post?.summary !== a.summary) missing.push(`POST ${base}/${a.path}`);
        if (!names.includes(a.path)) missing.push(`GET ${base}/actions: ${a.path}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

test('no action label names an Update or Signal that no longer exists', () => {
  const names = new Set(Object.values(modules).flatMap((m) => actionsOf(m as Record<string, unknown>)));
  expect(Object.keys(actionLabels).filter((n) => !names.has(n))).toEqual([]);
});

test('the audit’s words are the officials’ own: no engine word, in the server’s labels or the console’s', () => {
  const tables = { workflowTypeLabels, startLabels, actionLabels, statusLabels, noticeEventLabels, roleLabels, fieldLabels, timelineKindLabels, closeLabels, consoleRoleLabels };
  const found = Object.entries(tables).flatMap(([table, labels]) =>
    Object.entries(labels as Record<string, string>).flatMap(([key, label]) => (engineWordIn(label) || /\((?:terminate|cancel)\)|Temporal/.test(label) ? [`${table}.${key}: ${label}`] : [])),
  );
  expect(found).toEqual([]);
});
