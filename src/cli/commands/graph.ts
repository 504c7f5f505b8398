/** `permgraph graph <principal> [action|operation] --format mermaid|dot|json|html [-o FILE]` */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { exportPicture } from '../../graph/export.js';
import { loadHtmlAssets } from '../../graph/html-assets.js';
import { layoutPicture } from '../../graph/layout.js';
import { buildPicture } from '../../graph/picture.js';
import type { Picture } from '../../graph/picture-types.js';
import { applyStyle } from '../../graph/picture-style.js';
import { assertKnownActions } from '../../model/check-actions.js';
import { formatDot } from '../../report/graph-dot.js';
import { formatHtml } from '../../report/graph-html.js';
import { formatMermaid } from '../../report/graph-mermaid.js';
import { writeWhole } from '../io.js';
import type { Register } from '../run.js';
import { addRequestOptions, queryOptionsFrom, type RequestFlags } from './query-options.js';
import { addModelOptions, formatOption, openModel, type ModelOptions } from './shared.js';

interface GraphFlags extends ModelOptions, RequestFlags {
  format: 'mermaid' | 'dot' | 'json' | 'html';
  output?: string;
}

/** Registers `graph`. */
export function registerGraph(program: Command, register: Register): void {
  const command = program
    .command('graph')
    .description(
      "draw a principal's permissions, or the paths that decide one request: allowing paths in green, denying in red",
    )
    .argument('<principal>', 'alice, user:alice or group:dba')
    .argument('[what]', 'an action or operation: only the paths that decide it')
    .addOption(formatOption(['mermaid', 'dot', 'json', 'html'], 'mermaid'))
    .addOption(new Option('-o, --output <file>', 'write to FILE (whole or not at all)'));
  addRequestOptions(command);
  addModelOptions(command);
  register(
    command,
    (principal: string, what: string | undefined, flags: GraphFlags) => async (io) => {
      const evaluator = await openModel(flags, io);
      assertKnownActions(evaluator.pg.model, evaluator.pg.catalog);
      const picture = layoutPicture(
        applyStyle(
          buildPicture(evaluator, principal, what, { ...queryOptionsFrom(flags), baseDir: io.cwd }),
        ),
      );
      const text = render(picture, flags.format);
      if (flags.output === undefined) io.stdout.write(text);
      else writeWhole(resolve(io.cwd, flags.output), text);
      return 0;
    },
  );
}

function render(picture: Picture, format: GraphFlags['format']): string {
  switch (format) {
    case 'mermaid':
      return formatMermaid(picture);
    case 'dot':
      return formatDot(picture);
    case 'json':
      return `${JSON.stringify(exportPicture(picture), null, 2)}\n`;
    case 'html':
      return formatHtml(picture, loadHtmlAssets());
  }
}
