/**
 * The layers of shared/, checked by `npm run lint`: no import circle (type-only imports count),
 * no stage importing another stage or a platform adapter, no library reaching up into either.
 */
const LIBRARIES =
  '^shared/(store|bucket|runtime|readers|records|pii|question-type|offline|production|retraining|summary|status|answerer)/';

module.exports = {
  forbidden: [
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
    {
      name: 'library-imports-stage-or-adapter',
      severity: 'error',
      comment: 'Libraries sit below the stages and the adapters.',
      from: { path: LIBRARIES, pathNot: '\\.test\\.ts$' },
      to: { path: '^shared/(stages|adapter)/|^shared/actions' },
    },
    {
      name: 'store-imports-pipeline',
      severity: 'error',
      comment: 'The object store knows nothing of the pipeline built on it.',
      from: { path: '^shared/store/', pathNot: '\\.test\\.ts$' },
      to: { path: '^shared/', pathNot: '^shared/store/' },
    },
    {
      name: 'bucket-imports-above-store',
      severity: 'error',
      comment: "The bucket's contracts depend on the store interface only.",
      from: { path: '^shared/bucket/', pathNot: '\\.test\\.ts$' },
      to: { path: '^shared/', pathNot: '^shared/(store|bucket)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
