/** Builds the real dependencies of the activities from the configuration. */
import { WorkingCalendar } from '../catalog/calendar';
import { Directory } from '../catalog/directory';
import type { ActivityDeps } from '../activities';
import { outboxMailer, smtpMailer, type Mailer } from '../activities/mailer';
import { createDocumentStore } from '../activities/document-store';
import type { Config } from '../config/env';

/** The mailer, sending as MAIL_FROM or else as the tenant's issuer (its directory says how). */
export function mailerFor(config: Config, directory: Directory): Mailer {
  const from = config.MAIL_FROM ?? directory.data.issuer.mailFrom;
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL, from) : outboxMailer(config.outboxDir, from);
}

export function activityDeps(config: Config): ActivityDeps {
  const directory = Directory.fromFile(config.DIRECTORY_FILE);
  return {
    directory,
    calendar: WorkingCalendar.fromFile(config.HOLIDAYS_FILE),
    mailer: mailerFor(config, directory),
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    // The same folder the API serves documents from: the consolidated report is written here.
    documents: createDocumentStore({ dir: config.documentsDir, maxBytes: config.DOCUMENT_MAX_BYTES }),
  };
}
