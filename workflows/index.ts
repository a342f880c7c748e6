/** Every workflow the worker runs; the bundle's entry point. */
export { budgetEstimateWorkflow } from './budget/workflow';
export { campaignWorkflow } from './campaign/workflow';
export { communePlanWorkflow } from './commune-plan/workflow';
export { assignmentWorkflow } from './assignment/workflow';
export { agencyInboxWorkflow } from './notifications/workflow';
export { morningDigestWorkflow } from './digest/workflow';
export { consolidatedReportWorkflow } from './report/workflow';
export { auditReadLogWorkflow } from './audit-read-log/workflow';
export { mailDeliveryWorkflow } from './mail/workflow';
export { holidayCalendarWorkflow } from './calendar/workflow';
export { authorityWorkflow } from './authority/workflow';
