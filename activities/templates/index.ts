/**
 * One renderer per kind of notice. A workflow type adds its notice to `Notice` and its renderer to
 * `renderers`; the compiler then insists every kind can be rendered.
 */
import type { AssignmentNotice } from '../../workflows/assignment/notices';
import type { BudgetNotice } from '../../workflows/budget/notices';
import { renderAssignmentNotice } from './assignment';
import { renderBudgetNotice, type TemplateContext } from './budget';
import type { CampaignNotice } from '../../workflows/campaign/notices';
import { renderCampaignNotice } from './campaign';
import type { CommunePlanNotice } from '../../workflows/commune-plan/notices';
import { renderCommunePlanNotice } from './commune-plan';
import type { DigestNotice } from '../../workflows/digest/notices';
import { renderDigestNotice } from './digest';
import { provisionalNote, withNote, type Rendered } from './layout';
import type { MailRoutingNotice } from '../../workflows/notifications/notices';
import { renderMailRoutingNotice } from './mail-routing';
import type { ReportNotice } from '../../workflows/report/notices';
import { renderReportNotice } from './report';

export type { TemplateContext } from './budget';

/** Every notice any workflow sends. */
export type Notice = BudgetNotice | DigestNotice | AssignmentNotice | CampaignNotice | CommunePlanNotice | ReportNotice | MailRoutingNotice;

type Renderers = { [K in Notice['kind']]: (notice: Extract<Notice, { kind: K }>, ctx: TemplateContext) => Rendered };

const renderers: Renderers = {
  budget: renderBudgetNotice,
  assignment: renderAssignmentNotice,
  digest: renderDigestNotice,
  campaign: renderCampaignNotice,
  'commune-plan': renderCommunePlanNotice,
  report: renderReportNotice,
  'mail-routing': renderMailRoutingNotice,
};

export function render(notice: Notice, ctx: TemplateContext): Rendered {
  const rendered = (renderers[notice.kind] as (n: Notice, c: TemplateContext) => Rendered)(notice, ctx);
  const note = ctx.calendar ? provisionalNote(ctx.calendar, rendered.text) : null;
  return note ? withNote(rendered, note) : rendered;
}

/** Kinds of notice that have a template (the templates test renders each one). */
export const templateKinds = Object.keys(renderers) as Array<Notice['kind']>;
