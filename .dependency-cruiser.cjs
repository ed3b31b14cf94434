// The dependency direction of ../shared/design/ARCHITECTURE.md, checked on every `npm test`.
// Temporary exceptions go in `debt` below, each with a reason, so they stay visible.

/** layer -> layers it may import at runtime (besides itself and lib) */
const runtime = {
  lib: [],
  arch: [],
  gic: ['arch'],
  machine: ['gic', 'arch'],
  trace: ['gic', 'machine', 'arch'],
  protocol: ['arch'],
  worker: ['machine', 'gic', 'trace', 'protocol', 'arch'],
  ui: ['protocol', 'arch'],
  cli: ['machine', 'gic', 'trace', 'arch'],
};
/** layer -> layers it may import with `import type` only */
const typesOnly = {
  protocol: ['gic', 'machine', 'trace'],
  ui: ['gic', 'machine', 'trace'],
};

/** @type {Array<object>} rules that tolerate a known violation until it is paid off */
const debt = [];

const layers = Object.keys(runtime);
const any = (names) => `^src/(${names.join('|')})/`;

const layerRules = layers.flatMap((from) => {
  const types = typesOnly[from] ?? [];
  const permitted = new Set([from, 'lib', ...runtime[from]]);
  const never = layers.filter((l) => !permitted.has(l) && !types.includes(l));
  const source = { path: `^src/${from}/`, pathNot: '\\.test\\.tsx?$' };
  const rules = [];
  if (never.length)
    rules.push({
      name: `${from}-never-imports`,
      comment: `src/${from} must not import ${never.join(', ')}`,
      severity: 'error',
      from: source,
      to: { path: any(never) },
    });
  if (types.length)
    rules.push({
      name: `${from}-types-only`,
      comment: `src/${from} may import ${types.join(', ')} only with \`import type\``,
      severity: 'error',
      from: source,
      to: { path: any(types), dependencyTypesNot: ['type-only'] },
    });
  return rules;
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular-runtime',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...debt,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
