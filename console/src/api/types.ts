/** Names for the shapes the console reads, taken from the generated paths (the document names few schemas). */
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } } ? Json<R> : never;

export type SignInResult = Ok<'/api/v1/local-sign-in', 'post'>;
export type Person = SignInResult['person'];
export type People = Ok<'/api/v1/local-sign-in', 'get'>;
export type MyWork = Ok<'/api/v1/my-work', 'get'>;
export type WorkItem = MyWork['items'][number];
export type NotificationPage = Ok<'/api/v1/notifications', 'get'>;
export type Budget = Ok<'/api/v1/budgets/{id}', 'get'>;
export type BudgetVersion = Budget['versions'][number];
export type AllowedActions = Ok<'/api/v1/budgets/{id}/actions', 'get'>;
export type BudgetAction = AllowedActions['allowed'][number];
export type Timeline = Ok<'/api/v1/audit/workflows/{workflowId}/timeline', 'get'>;
export type TimelineEntry = Timeline['entries'][number];
export type AppraiseBody = paths['/api/v1/budgets/{id}/appraise']['post']['requestBody']['content']['application/json'];
export type ApproveBody = paths['/api/v1/budgets/{id}/approve']['post']['requestBody']['content']['application/json'];
