#!/usr/bin/env node
// The `secondlook` command: loads the TypeScript CLI through tsx so that the CLI, the app and
// the tests share one source tree without a separate build step.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

registerCommonJs();
registerEsm();
const loaded = await import('./main.ts');
// main.ts compiles as CommonJS, so its exports arrive as the default export.
const { main } = loaded.main ? loaded : loaded.default;
process.exitCode = await main(process.argv.slice(2));
