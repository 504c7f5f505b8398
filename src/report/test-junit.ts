/**
 * The JUnit XML form of a `permgraph test` run, for CI systems that show test results: one
 * test suite per assertions file, one test case per assertion, a failure per mismatch carrying
 * the `can` explanation. No timestamps or durations, so the report is the same on every run.
 */
import type { AssertionOutcome, TestRun } from '../engine/assertions-run.js';
import { displayPath } from '../errors.js';
import { failureLines } from './test-text.js';

/** Renders a test run as JUnit XML. */
export function formatTestJunit(run: TestRun, baseDir?: string): string {
  const counts = `tests="${run.total}" failures="${run.failed}" errors="0" skipped="0"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="permgraph test" ${counts}>`,
    `  <testsuite name="${attribute(run.file)}" ${counts}>`,
    `    <properties>`,
    `      <property name="catalog" value="${attribute(`${run.catalog.version} (${run.catalog.date})`)}"/>`,
    `    </properties>`,
    ...run.outcomes.flatMap((o) => testCase(run, o, baseDir)),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function testCase(run: TestRun, outcome: AssertionOutcome, baseDir: string | undefined): string[] {
  const { assertion } = outcome;
  const file = displayPath(assertion.position.file, baseDir);
  const attributes = [
    `name="${attribute(assertion.name)}"`,
    `classname="${attribute(run.file)}"`,
    `file="${attribute(file)}"`,
    `line="${assertion.position.line}"`,
  ].join(' ');
  if (outcome.passed) return [`    <testcase ${attributes}/>`];
  const message = `expected ${assertion.expect}, got ${outcome.decision}`;
  const body = failureLines(outcome, undefined, baseDir).join('\n');
  return [
    `    <testcase ${attributes}>`,
    `      <failure type="mismatch" message="${attribute(message)}">${text(body)}</failure>`,
    '    </testcase>',
  ];
}

function text(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
