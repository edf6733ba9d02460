/**
 * What an action's zod parameter schema says about each parameter, for `--help` and for error
 * messages: its kind, its default and its description (`.describe()`), read from the schema
 * itself so that the help can never drift from what the action accepts.
 */
import type * as z from 'zod';

export interface ParamHelp {
  name: string;
  kind: string;
  required: boolean;
  default?: unknown;
  description?: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  defaultValue?: unknown;
  element?: z.ZodType;
  entries?: Record<string, string>;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every parameter of an object schema, in declaration order. */
export function paramHelp(schema: z.ZodType): ParamHelp[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(shape).map(([name, field]) => describeField(name, field));
}

function describeField(name: string, field: z.ZodType): ParamHelp {
  let description = field.description;
  let required = true;
  let fallback: unknown;
  let current: z.ZodType = field;
  // Peel the wrappers (default, optional, coercion pipes) down to the value's own kind.
  for (let depth = 0; depth < 8; depth += 1) {
    const def = defOf(current);
    description ??= current.description;
    if (def.type === 'default' || def.type === 'prefault') {
      required = false;
      fallback = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      current = def.innerType!;
    } else if (def.type === 'optional' || def.type === 'nullable') {
      required = false;
      current = def.innerType!;
    } else if (def.type === 'pipe') {
      const out = defOf(def.out!).type;
      current = out === 'transform' ? def.in! : def.out!;
    } else break;
  }
  const def = defOf(current);
  const kind =
    def.type === 'enum'
      ? Object.values(def.entries ?? {}).join('|')
      : def.type === 'array'
        ? `list of ${defOf(def.element!).type}`
        : def.type;
  return {
    name,
    kind,
    required,
    ...(fallback !== undefined && { default: fallback }),
    ...(description && { description }),
  };
}

/** "missing -p key (the raw object's key, e.g. …)": what the user must pass, from the schema. */
export function missingParamHint(schema: z.ZodType, name: string): string | undefined {
  const help = paramHelp(schema).find((p) => p.name === name);
  if (!help) return undefined;
  return `missing -p ${name}${help.description ? ` (${help.description})` : ''}`;
}
