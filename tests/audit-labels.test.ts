/**
 * Every action a workflow accepts (its Updates and Signals, from the messages modules the API imports) and
 * every workflow type has a Vietnamese label in the audit, so an inspector never reads an engine name.
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
import * as readLog from '../audit/read-log/messages';
import * as workflows from '../workflows';
import { actionLabels, closeLabels, fieldLabels, noticeEventLabels, roleLabels, startLabels, statusLabels, timelineKindLabels, workflowTypeLabels } from '../api/audit/labels';
import { roleLabels as consoleRoleLabels } from '../console/src/labels';
import { engineWordIn } from './support/words';

const modules = { assignment, budget, calendar, campaign, communePlan, digest, mail, notifications, report, readLog };

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

test('the audit’s words are the officials’ own: no engine word, in the server’s labels or the console’s', () => {
  const tables = { workflowTypeLabels, startLabels, actionLabels, statusLabels, noticeEventLabels, roleLabels, fieldLabels, timelineKindLabels, closeLabels, consoleRoleLabels };
  const found = Object.entries(tables).flatMap(([table, labels]) =>
    Object.entries(labels as Record<string, string>).flatMap(([key, label]) => (engineWordIn(label) || /\((?:terminate|cancel)\)|Temporal/.test(label) ? [`${table}.${key}: ${label}`] : [])),
  );
  expect(found).toEqual([]);
});
