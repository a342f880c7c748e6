/**
 * The worker's one copy of each pure module of the workflow code (schemas, message definitions, rules,
 * notices), kept across workflows. The SDK gives every workflow its own copy of every module, so each workflow
 * started, or brought back into the worker's cache, evaluated hundreds of zod schemas again: most of the
 * workflow thread's time, and most of a cached workflow's memory, at campaign scale. worker/workflow-bundle.ts
 * loads this module once per worker (the SDK's preloadModules) and routes the pure modules through it.
 *
 * What may be shared: modules that hold no state of a workflow, only constants and functions. A module with
 * workflow state at its top level (none today) must be named `workflow.ts`, which is never shared.
 */
const loaded = new Map<string, unknown>();

/** The exports of the module `key`, evaluated by the first workflow that needs it. */
export function sharedModule(key: string, load: () => unknown): unknown {
  if (!loaded.has(key)) loaded.set(key, load());
  return loaded.get(key);
}
