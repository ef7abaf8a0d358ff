/**
 * The architecture as rules. Read it as a map: what each folder may depend on.
 * `npm run lint` fails when an import crosses a line drawn here.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Cycles make modules impossible to test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'schemas-are-the-contract',
      severity: 'error',
      comment: 'lib/schemas is shared with the server: it depends on Zod and nothing else.',
      from: { path: '^lib/schemas' },
      to: { path: '^(lib/(?!schemas)|components|entrypoints|server)|node_modules/(?!zod)' },
    },
    {
      name: 'pure-core-has-no-io',
      severity: 'error',
      comment: 'Funnel rules, matching, lookup ranking, merge, page and fact extraction are pure: no database, no browser API, no React.',
      from: { path: '^lib/(funnel|context|lookup|facts|today|sync/(merge|hlc|patch)|import)' },
      to: { path: '^(lib/db|lib/browser|components|entrypoints)|node_modules/(dexie|wxt|react|@tanstack)' },
    },
    {
      name: 'lib-does-not-know-the-ui',
      severity: 'error',
      comment: 'lib holds plain functions; the UI imports lib, never the other way round.',
      from: { path: '^lib' },
      to: { path: '^(components|entrypoints)' },
    },
    {
      name: 'components-are-presentational',
      severity: 'error',
      comment: 'Components get data through props: no database, sync or browser calls.',
      from: { path: '^components' },
      to: { path: '^(lib/(db|sync|browser|messaging)|entrypoints)|node_modules/(dexie|wxt|dexie-react-hooks)' },
    },
    {
      name: 'content-scripts-hold-no-data',
      severity: 'error',
      comment: 'Content scripts read the page and send typed messages; they never open the database.',
      from: { path: '^entrypoints/[^/]+\\.content' },
      to: { path: '^(lib/db|lib/sync)|node_modules/dexie' },
    },
    {
      name: 'server-shares-only-the-contract',
      severity: 'error',
      comment: 'The server shares schemas and the pure merge with the extension, nothing of the UI or the browser store.',
      from: { path: '^server' },
      to: { path: '^(components|entrypoints|lib/(db|browser|messaging|funnel|context|lookup|import))|node_modules/(dexie|react|wxt)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.tsx?$|^test/|\\.output|\\.wxt)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
