/** `permgraph catalog [SERVICE]`: what the catalog knows, and its version. */
import { Option, type Command } from 'commander';
import { loadCatalog } from '../../catalog/load.js';
import { formatCatalogText, catalogJson } from '../../report/catalog.js';
import type { Register } from '../run.js';
import { formatOption } from './shared.js';
import { resolve } from 'node:path';
import { PermgraphError } from '../../errors.js';

interface CatalogOptions {
  format: 'text' | 'json';
  catalog?: string[];
  version?: boolean;
}

/** Registers `catalog`. */
export function registerCatalog(program: Command, register: Register): void {
  const command = program
    .command('catalog')
    .description('list services, actions, system permissions and operations the catalog knows')
    .argument('[service]', 'one service (rds, iam, …)')
    .addOption(new Option('--version', 'print only the catalog version and date'))
    .addOption(new Option('--catalog <dir...>', 'extra catalog directories'))
    .addOption(formatOption(['text', 'json'], 'text'));
  register(command, (service: string | undefined, options: CatalogOptions) => (io) => {
    const catalog = loadCatalog((options.catalog ?? []).map((d) => resolve(io.cwd, d)));
    if (service !== undefined && !catalog.services.has(service.toLowerCase())) {
      throw new PermgraphError('E_USAGE', `the catalog has no service "${service}"`, {
        hint: `known services: ${[...catalog.services.keys()].join(', ')}`,
      });
    }
    if (options.version) {
      io.stdout.write(
        options.format === 'json'
          ? `${JSON.stringify({ version: catalog.info.version, date: catalog.info.date })}\n`
          : `${catalog.describe()}\n`,
      );
      return 0;
    }
    io.stdout.write(
      options.format === 'json'
        ? `${JSON.stringify(catalogJson(catalog, service), null, 2)}\n`
        : formatCatalogText(catalog, service),
    );
    return 0;
  });
}
