import { readFileSync } from 'node:fs';
import { parseParamValue } from '../shared/runtime';

export interface ParsedArgs {
  positionals: string[];
  /** `-p name value` pairs and `-P file.json` contents, later ones winning. */
  params: Record<string, unknown>;
  flags: Record<string, string | true>;
}

/**
 * Parses `wsk`-style arguments: `-p|--param name value` (value parsed as JSON when it is
 * JSON), `-P|--param-file file.json`, `--flag` and `--flag value`, positionals.
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], params: {}, flags: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '-p' || arg === '--param') {
      const name = argv[i + 1];
      const value = argv[i + 2];
      if (name === undefined || value === undefined)
        throw new Error(`${arg} needs a name and a value: ${arg} name value`);
      parsed.params[name] = parseParamValue(value);
      i += 2;
    } else if (arg === '-P' || arg === '--param-file') {
      const file = argv[i + 1];
      if (file === undefined) throw new Error(`${arg} needs a JSON file`);
      const content = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (typeof content !== 'object' || content === null || Array.isArray(content))
        throw new Error(`${file} must hold a JSON object`);
      Object.assign(parsed.params, content);
      i += 1;
    } else if (arg === '-h') {
      parsed.flags.help = true;
    } else if (/^-[^-]/.test(arg)) {
      throw new Error(`unknown flag ${arg} (flags: -p name value, -P file.json, -h, --name)`);
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) parsed.flags[name] = inline;
      else if (next !== undefined && !next.startsWith('-') && VALUE_FLAGS.has(name)) {
        parsed.flags[name] = next;
        i += 1;
      } else parsed.flags[name] = true;
    } else {
      parsed.positionals.push(arg);
    }
  }
  return parsed;
}

/** Flags that take a value. */
const VALUE_FLAGS = new Set([
  'data-dir',
  'port',
  'host',
  'manifest',
  'scan-interval',
  'poll-interval',
  'settle-ms',
  'store',
  'apihost',
  'auth',
  'namespace',
  'webhook-url',
  'target-id',
]);
