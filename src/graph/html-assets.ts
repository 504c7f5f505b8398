/**
 * The browser scripts the HTML picture inlines: graphology's and sigma's self-contained UMD
 * builds, read from the installed packages, so the page needs no network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PermgraphError } from '../errors.js';

/** The two scripts, in the order the page loads them. */
export interface HtmlAssets {
  graphology: string;
  sigma: string;
}

const require = createRequire(import.meta.url);

/** Reads the UMD builds of the installed graphology and sigma. */
export function loadHtmlAssets(): HtmlAssets {
  return {
    graphology: readAsset('graphology', 'dist/graphology.umd.min.js'),
    sigma: readAsset('sigma', 'dist/sigma.min.js'),
  };
}

/** The installed package's folder: up from its resolved entry to its own package.json. */
function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw Object.assign(new Error('package.json not found'), { code: 'ENOENT' });
    dir = parent;
  }
}

function readAsset(name: string, file: string): string {
  let path = '';
  try {
    path = join(packageRoot(name), file);
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new PermgraphError(
      'E_READ',
      `cannot read ${name}'s browser build ${path || file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`,
      { hint: `reinstall permgraph's dependencies (npm ci); ${name} is needed for --format html` },
    );
  }
}
