/**
 * `permgraph import terraform`: a plan (`terraform show -json` output) or a directory of `.tf`
 * files into a model. Values unknown until apply are reported, never guessed, and the model
 * holds everything that is known.
 */
import { statSync } from 'node:fs';
import type { Catalog } from '../../catalog/catalog.js';
import { fixedOrigin, ModelBuilder } from '../builder.js';
import type { SourcePosition } from '../../model/source.js';
import { ImportLog, type ImportOptions, type ImportResult } from '../log.js';
import { readHclConfiguration, type VariableInputs } from './hcl-config.js';
import { KNOWN_AFTER_APPLY } from './conditional-deny.js';
import { readPlan } from './plan.js';
import { importInstances } from './resources.js';
import type { Value } from './values.js';

/** Options of a Terraform import: variables apply to `.tf` directories only. */
export interface TerraformImportOptions extends ImportOptions, VariableInputs {}

/** Imports a plan JSON file or a `.tf` directory. */
export async function importTerraform(
  path: string,
  catalog: Catalog,
  options: TerraformImportOptions = {},
): Promise<ImportResult> {
  const log = new ImportLog(options.partial ?? false);
  const builder = new ModelBuilder();
  if (statSync(path).isDirectory()) {
    const config = await readHclConfiguration(path, options);
    for (const block of config.uncounted)
      log.unknown(`${block.address}: ${block.reason}; its instances are left out`, block.position);
    declareRegion(builder, config.region, config.regionPosition);
    importInstances(config.instances, builder, log, catalog, config.region, false);
    for (const module of config.modules) unreadModule(builder, log, module);
  } else {
    const plan = readPlan(path, log, options.partial ?? false);
    declareRegion(builder, plan.region, plan.regionPosition);
    importInstances(plan.instances, builder, log, catalog, plan.region, true);
  }

  return { file: builder.build(path), warnings: log.warnings };
}

/**
 * The provider's region is the region project the configuration works in: declared, so that
 * `can --project <region>` works on a configuration that never names a project otherwise.
 */
function declareRegion(
  builder: ModelBuilder,
  region: Value | undefined,
  position: SourcePosition | undefined,
): void {
  if (typeof region === 'string' && region !== '' && position)
    builder.project(region, undefined, fixedOrigin(position));
}

/**
 * A module call in .tf files: its resources are not read, and they may grant a Deny to anyone
 * (a group it creates may take in anybody). So every user and group gets a Deny of `*:*:*`
 * under `permgraph:KnownAfterApply`: answers become conditional, never a wrong allow. A plan
 * JSON lists module resources and is read exactly.
 */
function unreadModule(
  builder: ModelBuilder,
  log: ImportLog,
  module: { address: string; position: SourcePosition },
): void {
  const origin = fixedOrigin(module.position);
  const policy = builder.policy(
    `${module.address} (not read)`,
    {
      description: `what ${module.address} may deny: its resources are not read from .tf files`,
      document: {
        Version: '1.1',
        Statement: [
          {
            Effect: 'Deny',
            Action: ['*:*:*'],
            Condition: { Bool: { [KNOWN_AFTER_APPLY]: ['true'] } },
          },
        ],
      },
    },
    origin,
  );
  for (const kind of ['user', 'group'] as const)
    for (const name of builder.names(kind)) builder.grant({ kind, name }, policy, 'all', origin);
  log.unknown(
    `${module.address}: modules are not read from .tf files (import \`terraform show -json\` of a ` +
      'plan instead); its instances are left out, and what it may deny is kept as a conditional ' +
      'Deny of *:*:* for every user and group',
    module.position,
  );
}
