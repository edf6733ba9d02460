/**
 * The layers of shared/, checked by `npm run lint`: no import circle (type-only imports count),
 * no stage importing another stage or a platform adapter, and no module importing a layer above
 * its own. LAYERS runs from the bottom up (the README's Develop section draws the same list).
 */
const LAYERS = [
  'manifest.ts',
  'store/',
  'bucket/',
  'runtime/',
  'records/',
  'readers/',
  'question-type/',
  'pii/',
  'offline/',
  'retraining/',
  'summary/',
  'production/',
  'status/',
  'answerer/',
  'stages/',
  '(actions|reconcile).ts',
  'adapter/',
];

const layerPattern = (layer) => layer.replace(/\.ts$/, '[.]ts$').replace(/^\((.*)\)\[\.\]ts\$$/, '($1)[.]ts$');
const path = (layers) => `^shared/(${layers.map(layerPattern).join('|')})`;

/** One rule per layer: nothing of it (tests aside) imports a layer listed after it. */
const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.replace(/[^a-z-]/g, '')}`,
  severity: 'error',
  comment: `shared/${layer} sits below ${LAYERS.slice(i + 1).join(', ')}: it imports none of them.`,
  from: { path: path([layer]), pathNot: '\\.test\\.ts$' },
  to: { path: path(LAYERS.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'module-test-imports-stage',
      severity: 'error',
      comment: "A module's own tests sit beside it and run no stage; tests that run stages live in test/.",
      from: { path: `${path(LAYERS.slice(0, LAYERS.indexOf('stages/')))}.*\\.test\\.ts$` },
      to: { path: '^shared/stages/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle ties modules together so that neither can change alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'stage-imports-adapter',
      severity: 'error',
      comment: 'Stages are written against the store interface; platforms wrap them, never the other way.',
      from: { path: '^shared/stages/' },
      to: { path: '^shared/adapter/' },
    },
    {
      name: 'stage-imports-sibling-stage',
      severity: 'error',
      comment: 'What two stages share belongs in a library below them (shared/actions.ts composes stages).',
      from: { path: '^shared/stages/([^/.]+)', pathNot: '\\.test\\.ts$' },
      to: { path: '^shared/stages/', pathNot: '^shared/stages/$1[.]' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
