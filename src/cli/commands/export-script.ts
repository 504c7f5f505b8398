/** `permgraph export-script`: print the shell script that exports IAM for `import iam-api`. */
import type { Command } from 'commander';
import { exportScript } from '../../import/export-script.js';
import { VERSION } from '../../version.js';
import type { Register } from '../run.js';

/** Registers `export-script`. */
export function registerExportScript(program: Command, register: Register): void {
  const command = program
    .command('export-script')
    .description(
      'print a bash script (curl, jq, an IAM token) that exports IAM for `permgraph import iam-api`',
    );
  register(command, () => (io) => {
    io.stdout.write(exportScript(VERSION));
    return 0;
  });
}
