/**
 * Progress on stderr: shown only to a person at a terminal reading a text report, and the
 * engines report their phases and steps through it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAccount, perturbGrants, sizes } from '../../src/bench/generate.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { progressFor } from '../../src/cli/progress.js';
import type { CliIo } from '../../src/cli/run.js';
import { diffModels } from '../../src/engine/diff.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { buildGraph } from '../../src/graph/build.js';
import { readLintInputs } from '../../src/lint/inputs.js';
import { lint } from '../../src/lint/runner.js';
import { loadModelText } from '../../src/model/load.js';
import { noProgress, type Progress } from '../../src/progress.js';

const catalog = loadCatalog();
const root = join(import.meta.dirname, '../..');

function io(stdoutTty: boolean, stderrTty: boolean, env: NodeJS.ProcessEnv = {}): CliIo {
  let written = '';
  const stream = (isTTY: boolean) => ({
    isTTY,
    columns: 80,
    write: (s: string) => ((written += s), true),
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => undefined,
    removeListener: () => undefined,
  });
  return { stdout: stream(stdoutTty), stderr: stream(stderrTty), cwd: root, env };
}

/** Records what an engine reports. */
function recorder(): Progress & { seen: string[] } {
  const seen: string[] = [];
  let steps = 0;
  let label = '';
  const flush = () => {
    if (label) seen.push(`${label}: ${steps}`);
  };
  return {
    seen,
    phase: (l, total) => {
      flush();
      label = `${l} (${total})`;
      steps = 0;
    },
    step: (n = 1) => void (steps += n),
    end: () => {
      flush();
      label = '';
      seen.push('end');
    },
  };
}

describe('progressFor shows progress only to a person watching a text report', () => {
  const text = { format: 'text', output: undefined };
  it('at a terminal, with a text report: a bar', async () => {
    expect(await progressFor(io(true, true), text)).not.toBe(noProgress);
    expect(await progressFor(io(false, true), { format: 'text', output: 'out.txt' })).not.toBe(
      noProgress,
    );
  });

  it('never when stdout is piped, the report is JSON, SARIF or JUnit, in CI, or on a dumb terminal', async () => {
    const none = [
      await progressFor(io(false, true), text),
      await progressFor(io(true, false), text),
      await progressFor(io(true, true), { format: 'json', output: undefined }),
      await progressFor(io(true, true), { format: 'sarif', output: 'out.sarif' }),
      await progressFor(io(true, true), { format: 'junit', output: undefined }),
      await progressFor(io(true, true, { CI: 'true' }), text),
      await progressFor(io(true, true, { TERM: 'dumb' }), text),
    ];
    expect(none.every((p) => p === noProgress)).toBe(true);
  });
});

describe('the engines report their phases', () => {
  const account = generateAccount(catalog, sizes.small, 3);
  const evaluatorOf = (value: unknown) =>
    new Evaluator(buildGraph(loadModelText(JSON.stringify(value), 'a.json', catalog), catalog));

  it('lint: each policy, then each account rule, then the end', () => {
    const progress = recorder();
    const input = readLintInputs([join(root, 'examples/rds-custom-deny')], catalog);
    const result = lint(input, { progress });
    const modelRules = result.rules.length;
    expect(progress.seen[0]).toBe('lint: policies (2): 2');
    expect(progress.seen[1]).toMatch(/^lint: account rules \((\d+)\): \1$/);
    expect(Number(/\((\d+)\)/.exec(progress.seen[1] as string)?.[1])).toBeLessThanOrEqual(
      modelRules,
    );
    expect(progress.seen.at(-1)).toBe('end');
  });

  it('diff: every user, then the sorting, then the end', () => {
    const progress = recorder();
    const before = evaluatorOf(account);
    const after = evaluatorOf(perturbGrants(account, 0.05, 4));
    const result = diffModels(before, after, { progress, now: new Date('2026-06-01T00:00:00Z') });
    const users = before.pg.model.users.size;
    expect(progress.seen).toEqual([
      `diff: users (${users}): ${users}`,
      `diff: sorting ${result.changes.length.toLocaleString('en-US')} changes (0): 0`,
      'end',
    ]);
  });
});
