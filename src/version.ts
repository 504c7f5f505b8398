/** permgraph's version, read from package.json so the two never disagree. */
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** The version printed by `permgraph --version` and in reports. */
export const VERSION: string = packageJson.version;
