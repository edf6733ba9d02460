#!/usr/bin/env node
// The `medqa` command. Runs the TypeScript sources directly (through tsx), so the CLI and
// the local runtime always run the code in the working tree, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
