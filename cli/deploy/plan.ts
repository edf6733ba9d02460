import type openwhisk from 'openwhisk';
import type { DesiredState, KeyValue } from './desired-state';

type Client = ReturnType<typeof openwhisk>;

export interface PlanStep {
  kind: 'package' | 'action' | 'trigger' | 'rule';
  name: string;
  change: 'create' | 'update' | 'unchanged';
  /** What differs, for the plan printout. */
  why?: string;
  apply(): Promise<unknown>;
}

/** The current entity, or undefined when the controller answers 404. */
async function current<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

const annotationValue = (list: KeyValue[] | undefined, key: string) => list?.find((kv) => kv.key === key)?.value;
const sameKeyValues = (want: KeyValue[], have: KeyValue[] | undefined) =>
  want.every((kv) => JSON.stringify(annotationValue(have, kv.key)) === JSON.stringify(kv.value)) &&
  (have ?? []).length >= want.length;
/** A rule's trigger or action as the controller names it (`/ns/pkg/name`, or `{path, name}`), reduced to `pkg/name`. */
const entityName = (ref: unknown): string => {
  const full =
    typeof ref === 'string' ? ref : `${(ref as { path?: string }).path ?? ''}/${(ref as { name?: string }).name ?? ''}`;
  return full.replace(/^\/[^/]+\//, '').replace(/^\//, '');
};

/**
 * Compares manifest.yaml with what the namespace holds and lists the changes: only entities
 * that are missing or differ are written, so a second deploy changes nothing.
 */
export async function planDeployment(ow: Client, desired: DesiredState): Promise<PlanStep[]> {
  const steps: PlanStep[] = [];
  const pkg = await current(() => ow.packages.get({ name: desired.package.name }));
  steps.push({
    kind: 'package',
    name: desired.package.name,
    change: !pkg
      ? 'create'
      : sameKeyValues(desired.package.body.parameters, pkg.parameters as KeyValue[]) &&
          (pkg.parameters?.length ?? 0) === desired.package.body.parameters.length
        ? 'unchanged'
        : 'update',
    why: pkg ? 'parameters differ' : undefined,
    apply: () => ow.packages.update({ name: desired.package.name, package: desired.package.body } as never),
  });
  for (const action of desired.actions) {
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed client entities; the fields read are checked
    const have = (await current(() => ow.actions.get({ name: action.name, code: false } as never))) as any;
    const differences = have
      ? [
          !sameKeyValues(action.body.annotations, have.annotations) && 'code or annotations',
          !(
            sameKeyValues(action.body.parameters, have.parameters) &&
            (have.parameters?.length ?? 0) === action.body.parameters.length
          ) && 'parameters',
          Object.entries(action.body.limits).some(([k, v]) => have.limits?.[k] !== v) && 'limits',
          have.exec?.kind !== action.body.exec.kind && 'runtime',
        ].filter(Boolean)
      : [];
    steps.push({
      kind: 'action',
      name: action.name,
      change: !have ? 'create' : differences.length ? 'update' : 'unchanged',
      why: differences.join(', ') || undefined,
      apply: () => ow.actions.update({ name: action.name, action: action.body } as never),
    });
  }
  for (const trigger of desired.triggers) {
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed client entities; the fields read are checked
    const have = (await current(() => ow.triggers.get({ name: trigger.name }))) as any;
    const same =
      have &&
      sameKeyValues(trigger.body.annotations, have.annotations) &&
      sameKeyValues(trigger.body.parameters, have.parameters) &&
      (have.parameters?.length ?? 0) === trigger.body.parameters.length;
    steps.push({
      kind: 'trigger',
      name: trigger.name,
      change: !have ? 'create' : same ? 'unchanged' : 'update',
      why: trigger.feed ? `feed ${trigger.feed.name} ${JSON.stringify(trigger.feed.params)}` : undefined,
      async apply() {
        // An alarm lives in the feed provider: re-register it when its settings change.
        if (have && trigger.feed && annotationValue(have.annotations, 'feed'))
          await ow.feeds.delete({ name: trigger.feed.name, trigger: trigger.name } as never).catch(() => undefined);
        await ow.triggers.update({ name: trigger.name, trigger: trigger.body } as never);
        if (trigger.feed)
          await ow.feeds.create({
            name: trigger.feed.name,
            trigger: trigger.name,
            params: trigger.feed.params,
          } as never);
      },
    });
  }
  for (const rule of desired.rules) {
    // biome-ignore lint/suspicious/noExplicitAny: loosely typed client entities; the fields read are checked
    const have = (await current(() => ow.rules.get({ name: rule.name }))) as any;
    const same = have && entityName(have.trigger) === rule.trigger && entityName(have.action) === rule.action;
    steps.push({
      kind: 'rule',
      name: rule.name,
      change: !have ? 'create' : same ? 'unchanged' : 'update',
      why: `${rule.trigger} → ${rule.action}`,
      apply: () => ow.rules.update({ name: rule.name, trigger: rule.trigger, action: rule.action } as never),
    });
  }
  return steps;
}
