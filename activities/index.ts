/**
 * The activities, built from their dependencies so tests can hand in their own outbox or calendar;
 * only the worker builds the real ones.
 */
import type { Client } from '@temporalio/client';
import type { WorkingCalendar } from '../catalog/calendar';
import type { Directory } from '../catalog/directory';
import { createCommuneDeadlineActivities } from './commune-deadlines';
import { createPlanDeadline } from './deadlines';
import { createDigestActivities } from './digest';
import { createMailActivities } from './mail';
import type { Mailer } from './mailer';
import { createNotify } from './notify';
import type { DocumentStore } from './document-store';
import { createReportActivities } from './report';

export interface ActivityDeps {
  directory: Directory;
  calendar: WorkingCalendar;
  mailer: Mailer;
  publicUrl: string;
  /** Reaches the agencies' inbox workflows and visibility (notifications, digest); default: the worker's own client. */
  temporal?: Client;
  /** Where generated documents (the consolidated report) are kept; the API serves them from the same store. */
  documents?: DocumentStore;
}

export function createActivities(deps: ActivityDeps) {
  return {
    planDeadline: createPlanDeadline(deps.calendar),
    ...createCommuneDeadlineActivities(deps.calendar),
    notify: createNotify(deps),
    ...createMailActivities(deps.mailer),
    ...createDigestActivities(deps),
    ...createReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
