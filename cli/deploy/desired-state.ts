import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseManifest } from '../../shared/manifest';

export interface KeyValue {
  key: string;
  value: unknown;
}

export interface DesiredAction {
  name: string; // package/action
  body: {
    exec: { kind: string; code: string; main: string };
    parameters: KeyValue[];
    annotations: KeyValue[];
    limits: Record<string, number>;
  };
}

export interface DesiredTrigger {
  name: string;
  body: { parameters: KeyValue[]; annotations: KeyValue[] };
  feed?: { name: string; params: Record<string, unknown> };
}

export interface DesiredRule {
  name: string;
  trigger: string;
  action: string; // package/action
}

export interface DesiredState {
  package: { name: string; body: { parameters: KeyValue[] } };
  actions: DesiredAction[];
  triggers: DesiredTrigger[];
  rules: DesiredRule[];
}

/** Annotations the deploy command owns on the entities it makes; others (set by the controller) are left alone. */
export const CODE_HASH_ANNOTATION = 'medqa-code-sha256';
export const FEED_PARAMS_ANNOTATION = 'medqa-feed-params';

const toKeyValues = (record: Record<string, unknown> | undefined): KeyValue[] =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));

/**
 * What manifest.yaml asks for, as OpenWhisk entities: the same reading wskdeploy does, so
 * `medqa deploy` and `wskdeploy -m manifest.yaml` produce the same deployment.
 */
export function desiredState(manifestPath: string, env: NodeJS.ProcessEnv): DesiredState {
  const root = path.dirname(path.resolve(manifestPath));
  const { packageName, package: pkg } = parseManifest(readFileSync(manifestPath, 'utf8'), env);
  const actions: DesiredAction[] = Object.entries(pkg.actions).map(([name, spec]) => {
    const code = readFileSync(path.join(root, spec.function), 'utf8');
    const annotations: KeyValue[] = [
      ...toKeyValues(spec.annotations),
      ...(spec.web
        ? [
            { key: 'web-export', value: true },
            { key: 'final', value: true },
            { key: 'raw-http', value: spec.web === 'raw' },
          ]
        : []),
      { key: CODE_HASH_ANNOTATION, value: createHash('sha256').update(code).digest('hex') },
    ];
    const limits: Record<string, number> = {};
    if (spec.limits?.timeout) limits.timeout = spec.limits.timeout;
    if (spec.limits?.memorySize) limits.memory = spec.limits.memorySize;
    if (spec.limits?.logSize) limits.logs = spec.limits.logSize;
    return {
      name: `${packageName}/${name}`,
      body: {
        exec: { kind: spec.runtime ?? 'nodejs:20', code, main: spec.main ?? 'main' },
        parameters: toKeyValues(spec.inputs),
        annotations,
        limits,
      },
    };
  });
  const triggers: DesiredTrigger[] = Object.entries(pkg.triggers).map(([name, spec]) => {
    if (spec.feed) {
      const params = spec.inputs ?? {};
      return {
        name,
        body: {
          parameters: [],
          annotations: [
            { key: 'feed', value: spec.feed },
            { key: FEED_PARAMS_ANNOTATION, value: createHash('sha256').update(JSON.stringify(params)).digest('hex') },
          ],
        },
        feed: { name: spec.feed, params },
      };
    }
    return { name, body: { parameters: toKeyValues(spec.inputs), annotations: [] } };
  });
  const rules: DesiredRule[] = Object.entries(pkg.rules).map(([name, spec]) => ({
    name,
    trigger: spec.trigger,
    action: spec.action.includes('/') ? spec.action : `${packageName}/${spec.action}`,
  }));
  return { package: { name: packageName, body: { parameters: toKeyValues(pkg.inputs) } }, actions, triggers, rules };
}
