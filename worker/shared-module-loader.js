/**
 * Webpack loader of the workflow bundle (worker/workflow-bundle.ts): replaces a pure module of the workflow code
 * with a stand-in that hands out the worker's one copy of it (workflows/common/shared-modules.ts). The copy is
 * loaded on first use, through the same module with `?shared-real`, which this loader leaves alone. The stand-in
 * is a view, not a snapshot, so modules that import each other in a cycle see each other's bindings as usual.
 */
const path = require('node:path');

module.exports = function sharedModuleLoader() {
  const { registry, root } = this.getOptions();
  const key = JSON.stringify(path.relative(root, this.resourcePath));
  const real = JSON.stringify(`${this.resourcePath}?shared-real`);
  return `const { sharedModule } = require(${JSON.stringify(registry)});
let real;
const exportsOf = () => (real ??= sharedModule(${key}, () => require(${real})));
module.exports = new Proxy({}, {
  get: (_, name) => (name === '__esModule' ? true : exportsOf()[name]),
  has: (_, name) => name in exportsOf(),
  ownKeys: () => Reflect.ownKeys(exportsOf()),
  getOwnPropertyDescriptor: (_, name) => {
    const d = Reflect.getOwnPropertyDescriptor(exportsOf(), name);
    return d && { value: exportsOf()[name], enumerable: d.enumerable, writable: false, configurable: true };
  },
});
`;
};
