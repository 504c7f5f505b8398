/** The benchmark's table: one row per figure, one column per size. */

const int = (n) => (n === undefined ? '-' : Math.round(n).toLocaleString('en-US'));
const fixed = (n, digits = 1) => (n === undefined ? '-' : n.toFixed(digits));
const us = (n) => (n === undefined ? '-' : `${fixed(n, n < 10 ? 2 : 0)} µs`);
const ms = (n) => (n === undefined ? '-' : `${int(n)} ms`);

/** The rows of the table: a label and how to read the figure from one size's results. */
function rows(results) {
  const peerNames = [];
  for (const size of Object.values(results.sizes)) {
    for (const s of size.peers?.setups ?? []) {
      const name = `${s.engine} ${s.mode}`;
      if (!peerNames.includes(name)) peerNames.push(name);
    }
  }
  const peer = (name, read) => (r) => {
    const s = r.peers?.setups.find((x) => `${x.engine} ${x.mode}` === name);
    return s ? read(s) : '-';
  };
  return [
    [
      'users / groups / grants',
      (r) => `${int(r.load.users)} / ${int(r.load.groups)} / ${int(r.load.grants)}`,
    ],
    ['catalog load', (r) => ms(r.load.catalogMs)],
    ['model load', (r) => ms(r.load.modelMs)],
    ['graph build', (r) => ms(r.load.graphMs)],
    ['peak memory (load + build)', (r) => `${int(r.load.peakRssMiB)} MiB`],
    ['can, no explanation, warm /s', (r) => int(r.can.warm.decide.perSecond)],
    ['  p50 / p99', (r) => `${us(r.can.warm.decide.p50Us)} / ${us(r.can.warm.decide.p99Us)}`],
    ['  actions only, warm /s', (r) => int(r.can.byKind.decide.action?.perSecond)],
    ['  operations only, warm /s', (r) => int(r.can.byKind.decide.operation?.perSecond)],
    ['  DLI privileges only, warm /s', (r) => int(r.can.byKind.decide.privilege?.perSecond)],
    ['  cold p50 / p99', (r) => `${us(r.can.cold.decide.p50Us)} / ${us(r.can.cold.decide.p99Us)}`],
    ['can, explained, warm /s', (r) => int(r.can.warm.explain.perSecond)],
    ['  p50 / p99', (r) => `${us(r.can.warm.explain.p50Us)} / ${us(r.can.warm.explain.p99Us)}`],
    [
      '  cold p50 / p99',
      (r) => `${us(r.can.cold.explain.p50Us)} / ${us(r.can.cold.explain.p99Us)}`,
    ],
    ['who-can, one action (max)', (r) => ms(r.whoCan.action.maxMs)],
    ['who-can, operation (max)', (r) => ms(r.whoCan.operation.maxMs)],
    ['lint, whole account', (r) => ms(r.lint.ms)],
    ['diff, 1% of grants changed', (r) => ms(r.diff.ms)],
    ['peer questions (IAM actions)', (r) => int(r.peers?.questions)],
    ['permgraph on them, warm /s', (r) => int(r.peers?.permgraph.perSecond)],
    ...peerNames.flatMap((name) => [
      [
        `${name}, warm /s`,
        peer(name, (s) => `${int(s.warm.perSecond)} (${int(s.answered)} asked)`),
      ],
      [`  p50 / p99`, peer(name, (s) => `${us(s.warm.p50Us)} / ${us(s.warm.p99Us)}`)],
      [`  permgraph ×`, peer(name, (s) => `${fixed(s.ratio, 0)}×`)],
      [`  disagreements`, peer(name, (s) => String(s.disagreements.length))],
    ]),
  ];
}

/** A figure a size did not reach (it failed at an earlier stage) reads as a dash. */
function readOrDash(read, result) {
  try {
    return read(result);
  } catch {
    return '-';
  }
}

/** Prints the table to stdout. */
export function printTable(results) {
  const sizes = Object.keys(results.sizes);
  const table = [['', ...sizes]];
  for (const [label, read] of rows(results)) {
    table.push([label, ...sizes.map((s) => readOrDash(read, results.sizes[s]))]);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const { machine, startup } = results;
  process.stdout.write(`permgraph benchmark, ${results.date}\n`);
  process.stdout.write(`${machine.cpu}, ${machine.nproc} CPUs, Node ${machine.node}\n`);
  process.stdout.write(
    `CLI start-up: --version ${ms(startup.version.medianMs)}, can on examples/rds-team ${ms(startup.can.medianMs)} (medians of 15)\n\n`,
  );
  for (const row of table) process.stdout.write(`${line(row)}\n`);
  for (const [name, result] of Object.entries(results.sizes))
    if (result.failed) process.stdout.write(`\n${name}: ${result.failed}\n`);
}
