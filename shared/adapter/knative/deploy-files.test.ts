import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { parseManifest } from '../../manifest';

/** The Knative files are written by hand: they must say what manifest.yaml says. */
const manifest = parseManifest(readFileSync('manifest.yaml', 'utf8'));
const documents = (file: string) =>
  parseAllDocuments(readFileSync(`deploy/knative/${file}`, 'utf8')).map((doc) => doc.toJS() as Record<string, any>);

describe('deploy/knative', () => {
  it('has a PingSource for every alarm of manifest.yaml, with its cron and action', () => {
    const pings = documents('pingsource.yaml').map((d) => [d.spec.schedule, d.spec.sink.uri]);
    for (const schedule of manifest.schedules) expect(pings).toContainEqual([schedule.cron, `/${schedule.action}`]);
  });

  it('has a Trigger for every raw prefix of manifest.yaml, to its action', () => {
    const triggers = documents('trigger.yaml').map((d) => [
      d.spec.filters.find((f: Record<string, any>) => f.prefix)?.prefix.subject,
      d.spec.subscriber.uri,
    ]);
    for (const route of manifest.objectRoutes) expect(triggers).toContainEqual([route.prefix, `/${route.action}`]);
  });

  it('keeps the Service cluster-local, since eventing sources cannot send a bearer token', () => {
    const service = parseYaml(readFileSync('deploy/knative/service.yaml', 'utf8'));
    expect(service.metadata.labels['networking.knative.dev/visibility']).toBe('cluster-local');
  });
});
