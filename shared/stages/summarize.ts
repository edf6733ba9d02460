import * as z from 'zod';
import { SUMMARY_KEY } from '../bucket/keys';
import { defineAction, flag, optionalText } from '../runtime';
import { refreshSummary } from '../summary/refresh';

/** summarize, by hand or after a stage: `medqa invoke summarize [-p partial <staged summary key>]`. */
export const summarize = defineAction({
  name: 'summarize',
  description: "Refresh the dashboard's summary JSON (dashboard/summary.json)",
  params: z.object({
    partial: optionalText().describe('a staged summary to merge (default: whatever is new)'),
    rebuild: flag().default(false).describe('recompute from the whole bucket instead of merging'),
  }),
  async run(params, { store, log }) {
    const summary = await refreshSummary(store, { partial: params.partial, rebuild: params.rebuild }, log);
    return {
      status: 'written',
      key: SUMMARY_KEY,
      bytes: JSON.stringify(summary).length,
      offline_records: summary.offline?.final_records ?? 0,
      production_records: summary.production.records_out,
      versions: summary.versions.length,
    };
  },
});
