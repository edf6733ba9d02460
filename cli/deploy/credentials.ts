import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export interface Credentials {
  apihost: string;
  api_key: string;
  namespace: string;
}

/** `KEY=value` lines of a .wskprops file, as the wsk CLI writes it. */
function readWskprops(env: NodeJS.ProcessEnv): Record<string, string> {
  const file = env.WSK_CONFIG_FILE ?? path.join(homedir(), '.wskprops');
  try {
    return Object.fromEntries(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim().match(/^([A-Z_]+)=(.*)$/))
        .filter((m): m is RegExpMatchArray => Boolean(m))
        .map((m) => [m[1]!, m[2]!]),
    );
  } catch {
    return {};
  }
}

/**
 * Where and as whom to deploy: `--apihost/--auth/--namespace`, else WSK_APIHOST / WSK_AUTH /
 * WSK_NAMESPACE, else ~/.wskprops (the wsk CLI's own settings). A host without a scheme is https.
 */
export function resolveCredentials(flags: Record<string, string | true>, env: NodeJS.ProcessEnv): Credentials {
  const props = readWskprops(env);
  const pick = (flag: string, variable: string, prop: string) =>
    typeof flags[flag] === 'string' ? (flags[flag] as string) : (env[variable] ?? props[prop]);
  const apihost = pick('apihost', 'WSK_APIHOST', 'APIHOST');
  const apiKey = pick('auth', 'WSK_AUTH', 'AUTH');
  if (!apihost || !apiKey) {
    throw new Error(
      'no OpenWhisk credentials: pass --apihost and --auth, set WSK_APIHOST and WSK_AUTH, or run `wsk property set --apihost … --auth …`',
    );
  }
  return {
    apihost: /^https?:\/\//.test(apihost) ? apihost : `https://${apihost}`,
    api_key: apiKey,
    namespace: pick('namespace', 'WSK_NAMESPACE', 'NAMESPACE') ?? '_',
  };
}
