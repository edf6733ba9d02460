import { STORE_SETTING_NAMES } from './open-store';

/**
 * Settings that say where the data lives and what the pipeline may reach: they come from the
 * deployment (`MEDQA_*` variables, package inputs), never from a request to a public endpoint,
 * or a caller could point a stage at another store or make extract fetch an internal address.
 */
export const DEPLOYMENT_ONLY_SETTINGS: readonly string[] = [
  ...STORE_SETTING_NAMES,
  'allowed_hosts',
  'api_token',
  'self_url',
];

/** The deployment-only settings a request tried to set. */
export function deploymentSettingsIn(params: Record<string, unknown>): string[] {
  return DEPLOYMENT_ONLY_SETTINGS.filter((name) => Object.hasOwn(params, name));
}
