/** `permgraph schema model`: JSON Schemas of permgraph's own formats. */
import { type Command } from 'commander';
import { modelJsonSchema } from '../../model/schema.js';
import { assertionsJsonSchema } from '../../engine/assertions.js';
import { lintConfigJsonSchema } from '../../lint/config.js';
import type { Register } from '../run.js';
import { PermgraphError } from '../../errors.js';

const schemas: Record<string, () => unknown> = {
  model: modelJsonSchema,
  assertions: assertionsJsonSchema,
  config: lintConfigJsonSchema,
};

/** Registers `schema`. */
export function registerSchema(program: Command, register: Register): void {
  const command = program
    .command('schema')
    .description('print the JSON Schema of a permgraph format')
    .argument('<name>', `one of: ${Object.keys(schemas).join(', ')}`);
  register(command, (name: string) => (io) => {
    const schema = schemas[name];
    if (!schema) {
      throw new PermgraphError('E_USAGE', `no schema "${name}"`, {
        hint: `choose one of: ${Object.keys(schemas).join(', ')}`,
      });
    }
    io.stdout.write(`${JSON.stringify(schema(), null, 2)}\n`);
    return 0;
  });
}
