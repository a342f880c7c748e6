/**
 * The activities, built from their dependencies so tests can hand in their own outbox or calendar;
 * only the worker builds the real ones.
 */
import type { Client } from '@temporalio/client';
import type { WorkingCalendar } from '../catalog/calendar';
import type { Directory } from '../catalog/directory';
import { calendarSource } from './calendar-source';
import { createCommuneDeadlineActivities } from './commune-deadlines';
import { inboxAccess } from './notifications';
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
  // The holidays file, with the schedules the office recorded since; read inside each activity.
  const source = calendarSource(deps.calendar);
  const calendarNow = () => source(inboxAccess(deps.temporal));
  return {
    planDeadline: createPlanDeadline(calendarNow),
    ...createCommuneDeadlineActivities(calendarNow),
    notify: createNotify({ ...deps, calendarNow }),
    ...createMailActivities(deps.mailer),
    ...createDigestActivities({ ...deps, calendarNow }),
    ...createReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
