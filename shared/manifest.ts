import { parse } from 'yaml';
import * as z from 'zod';

const ActionSpec = z.object({
  function: z.string(),
  runtime: z.string().optional(),
  main: z.string().optional(),
  web: z.union([z.boolean(), z.string()]).optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  limits: z.record(z.string(), z.number()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});

const TriggerSpec = z
  .object({ feed: z.string().optional(), inputs: z.record(z.string(), z.unknown()).optional() })
  .nullable()
  .transform((t) => t ?? {});

const RuleSpec = z.object({ trigger: z.string(), action: z.string() });

const PackageSpec = z.object({
  inputs: z.record(z.string(), z.unknown()).optional(),
  actions: z.record(z.string(), ActionSpec).default({}),
  triggers: z.record(z.string(), TriggerSpec).default({}),
  rules: z.record(z.string(), RuleSpec).default({}),
});

const ManifestSpec = z.object({
  project: z.object({ name: z.string().optional(), packages: z.record(z.string(), PackageSpec) }),
});

export const ALARM_FEED = '/whisk.system/alarms/alarm';

/** An object-created route: a put under `prefix` runs `action` with the event parameters. */
export interface ObjectRoute {
  trigger: string;
  prefix: string;
  action: string;
}

/** A timer: `cron` (5 fields, UTC) runs `action` with `payload`. */
export interface Schedule {
  trigger: string;
  cron: string;
  action: string;
  payload: Record<string, unknown>;
}

export type ActionSpec = z.infer<typeof ActionSpec>;
export type TriggerSpec = z.infer<typeof TriggerSpec>;
export type PackageSpec = z.infer<typeof PackageSpec>;

export interface PipelineManifest {
  packageName: string;
  /** The package as declared (the deploy command turns it into OpenWhisk entities). */
  package: PackageSpec;
  actions: Record<string, ActionSpec>;
  objectRoutes: ObjectRoute[];
  schedules: Schedule[];
}

/** `$VAR` and `${VAR}` from the environment, unset meaning "", as wskdeploy substitutes them. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => env[braced ?? bare] ?? '');
  if (Array.isArray(value)) return value.map((item) => substituteEnv(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env)]));
  }
  return value;
}

/**
 * Reads the wskdeploy manifest — the one reader for the local runtime, the bundler and the deploy
 * command — into its package and the wiring derived from it: which prefix fires which action,
 * which cron runs which action. With `env`, `$VAR` inputs are substituted as wskdeploy does.
 * Throws with a readable message when the manifest and its rules disagree.
 */
export function parseManifest(text: string, env?: NodeJS.ProcessEnv): PipelineManifest {
  const document = parse(text) as unknown;
  const parsed = ManifestSpec.safeParse(env ? substituteEnv(document, env) : document);
  if (!parsed.success)
    throw new Error(
      `manifest.yaml is not a valid wskdeploy manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const entries = Object.entries(parsed.data.project.packages);
  if (entries.length !== 1) throw new Error(`manifest.yaml must declare exactly one package, found ${entries.length}`);
  const [packageName, pkg] = entries[0]!;
  const objectRoutes: ObjectRoute[] = [];
  const schedules: Schedule[] = [];
  for (const [ruleName, rule] of Object.entries(pkg.rules)) {
    const trigger = pkg.triggers[rule.trigger];
    if (!trigger)
      throw new Error(`rule ${ruleName} names trigger ${rule.trigger}, which the manifest does not declare`);
    const action = rule.action.replace(new RegExp(`^${packageName}/`), '');
    if (!pkg.actions[action])
      throw new Error(`rule ${ruleName} names action ${rule.action}, which the manifest does not declare`);
    const inputs = trigger.inputs ?? {};
    if (trigger.feed === ALARM_FEED) {
      if (typeof inputs.cron !== 'string') throw new Error(`alarm trigger ${rule.trigger} has no cron input`);
      const payload =
        typeof inputs.trigger_payload === 'object' && inputs.trigger_payload !== null
          ? (inputs.trigger_payload as Record<string, unknown>)
          : {};
      schedules.push({ trigger: rule.trigger, cron: inputs.cron, action, payload });
    } else if (typeof inputs.prefix === 'string') {
      objectRoutes.push({ trigger: rule.trigger, prefix: inputs.prefix, action });
    }
  }
  return { packageName, package: pkg, actions: pkg.actions, objectRoutes, schedules };
}
