/**
 * How the workflow code is bundled, for the worker, the tests, the replays and the bench alike: the bundle of
 * workflows/index.ts, with its pure modules shared across workflows (workflows/common/shared-modules.ts).
 */
import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '..');
const REGISTRY = path.join(ROOT, 'workflows/common/shared-modules.ts');

/** Modules that carry a workflow's own state (its function's closure), or start the bundle: never shared. */
const PER_WORKFLOW = /[\\/](workflow|index|shared-modules)\.ts$/;

type Webpack = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

function shareModules(config: Webpack): Webpack {
  const rules = config.module?.rules ?? [];
  rules.unshift({
    test: (file: string) => file.endsWith('.ts') && file.startsWith(ROOT + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`) && !PER_WORKFLOW.test(file),
    resourceQuery: { not: [/shared-real/] },
    enforce: 'pre',
    use: [{ loader: require.resolve('./shared-module-loader.js'), options: { registry: REGISTRY, root: ROOT } }],
  });
  return { ...config, module: { ...config.module, rules } };
}

/** The workflows' entry point. */
const WORKFLOWS_PATH = path.join(ROOT, 'workflows/index.ts');

/** What makes the bundle share the pure modules. */
const bundlerOptions = { preloadModules: [REGISTRY], webpackConfigHook: shareModules };

/** The bundle (the worker, tests, replays): `workflowsPath` defaults to the service's workflows. */
export function bundleWorkflows(options: Partial<BundleOptions> = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...options, ...bundlerOptions });
}
