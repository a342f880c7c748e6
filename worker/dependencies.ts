/** Builds the real dependencies of the activities from the configuration. */
import { WorkingCalendar } from '../catalog/calendar';
import { Directory } from '../catalog/directory';
import type { ActivityDeps } from '../activities';
import { outboxMailer, smtpMailer, type Mailer } from '../activities/mailer';
import { createDocumentStore } from '../activities/document-store';
import type { Config } from '../config/env';

export function mailerFor(config: Config): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : outboxMailer(config.outboxDir, config.MAIL_FROM);
}

export function activityDeps(config: Config): ActivityDeps {
  return {
    directory: Directory.fromFile(config.DIRECTORY_FILE),
    calendar: WorkingCalendar.fromFile(config.HOLIDAYS_FILE),
    mailer: mailerFor(config),
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    // The same folder the API serves documents from: the consolidated report is written here.
    documents: createDocumentStore({ dir: config.documentsDir, maxBytes: config.DOCUMENT_MAX_BYTES }),
  };
}
