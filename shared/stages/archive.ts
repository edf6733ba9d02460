import * as z from 'zod';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX } from '../bucket/keys';
import { archiveRawObject } from '../production/archive-raw';
import { defineAction, optionalText, PipelineError, text } from '../runtime';

/** archive, run by hand: `medqa invoke archive -p key data/production/retraining_data_raw/x.jsonl`. */
export const archive = defineAction({
  name: 'archive',
  description: `Move a processed raw production file to ${PRODUCTION_ARCHIVE_PREFIX}`,
  params: z.object({
    key: text().describe(`the staged raw object's key, e.g. ${PRODUCTION_RAW_PREFIX}x.jsonl`),
    etag: optionalText().describe('the content that was staged; another ETag now leaves the file in place'),
  }),
  async run(params, { store, log }) {
    if (!params.key.startsWith(PRODUCTION_RAW_PREFIX)) {
      throw new PipelineError(
        'WRONG_PREFIX',
        `archive moves objects under ${PRODUCTION_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`,
      );
    }
    const outcome = await archiveRawObject(store, params.key, params.etag);
    log.info('archived', { key: params.key, ...outcome });
    return { key: params.key, ...outcome };
  },
});
