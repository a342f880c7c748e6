/** The consolidated report's activities: reading its inputs, making the document, sending it to the province. */
import type { Client } from '@temporalio/client';
import type { Directory } from '../../catalog/directory';
import type { Mailer } from '../mailer';
import type { DocumentStore } from '../document-store';
import { createReportDocumentActivity } from './document';
import { createGatherActivities } from './gather';
import { createSendReportActivity } from './send';

export function createReportActivities(deps: { directory: Directory; mailer: Mailer; publicUrl: string; documents?: DocumentStore; temporal?: Client }) {
  return {
    ...createGatherActivities(deps),
    ...createReportDocumentActivity(deps),
    ...createSendReportActivity(deps),
  };
}
