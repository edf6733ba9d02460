import { type ActionDefinition, invokeAction } from '../../runtime/action';
import { openwhiskActivations } from './activations';

/**
 * The OpenWhisk entry point for an action: `export const main = openwhiskMain(action)`.
 * Reads the activation facts from `__OW_*` so the stage never touches platform globals
 * (the API key, when given, lets it start other activations: transform's parts),
 * and always resolves (an `{error}` result is an application error with no stack trace).
 */
export function openwhiskMain(action: ActionDefinition) {
  return async function main(params: Record<string, unknown> = {}) {
    const deadline = Number(process.env.__OW_DEADLINE);
    const activations = openwhiskActivations();
    return invokeAction(action, params ?? {}, {
      ...(activations ? { activations } : {}),
      invocation: {
        id: process.env.__OW_ACTIVATION_ID || 'unknown',
        ...(Number.isFinite(deadline) && deadline > 0 ? { deadline } : {}),
      },
    });
  };
}
