import * as z from 'zod';

/**
 * `-p name value` and `MEDQA_<NAME>` values are JSON when they parse as JSON and strings
 * otherwise, as the `wsk` CLI does (`-p count 200` is the number 200).
 */
export function parseParamValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Settings from the environment: `MEDQA_DATA_DIR=x` becomes `{ data_dir: 'x' }`. */
export function paramsFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('MEDQA_') || value === undefined) continue;
    params[name.slice('MEDQA_'.length).toLowerCase()] = parseParamValue(value);
  }
  return params;
}

/**
 * Preprocessing for settings that may arrive as anything: wskdeploy turns an unset `$VAR`
 * into "", which means "not set", and `-p key 12345` arrives as a number.
 */
const unsetIfEmpty = (value: unknown) => (value === '' || value === null ? undefined : value);

export const text = () =>
  z.preprocess((value) => {
    const v = unsetIfEmpty(value);
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  }, z.string());

export const flag = () =>
  z.preprocess((value) => {
    const v = unsetIfEmpty(value);
    if (v === 'true' || v === '1' || v === 1) return true;
    if (v === 'false' || v === '0' || v === 0) return false;
    return v;
  }, z.boolean());

export const optionalText = () => text().optional();

/** A setting that is a non-empty string, or undefined: a package parameter left empty means "not set". */
export function setText(settings: Record<string, unknown>, name: string): string | undefined {
  const value = settings[name];
  return typeof value === 'string' && value ? value : undefined;
}

/** A whole number above zero (`-p count 200` arrives as a number, `MEDQA_COUNT=200` as one too). */
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A list given as a JSON array or as a comma-separated string. */
export const textList = () =>
  z.preprocess((value) => {
    const v = unsetIfEmpty(value);
    return typeof v === 'string'
      ? v
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : v;
  }, z.array(z.string()));

/** One readable line per problem, e.g. `split_ratios: expected 3 numbers`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
}
