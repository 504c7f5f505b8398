/**
 * JUnit XML for CI dashboards: one test suite per linted file, one test case per rule that ran
 * over it. A case fails when the rule has an active finding at or above `--fail-on` there;
 * findings below it are listed in the case's output. No timestamps: the same input gives the
 * same XML.
 */
import { atOrAbove } from '../lint/gate.js';
import type { FailOn, Finding, LintResult } from '../lint/types.js';

/** Renders a lint result as JUnit XML. */
export function formatLintJunit(result: LintResult, failOn: FailOn = 'error'): string {
  const suites = result.files.map((file) => {
    const findings = result.findings.filter((f) => f.file === file.file && f.status === 'active');
    const cases = file.rules.map((rule) =>
      testCase(
        file.file,
        rule,
        findings.filter((f) => f.ruleId === rule),
        failOn,
      ),
    );
    const failures = cases.filter((c) => c.failed).length;
    const attrs = `name="${xml(file.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0"`;

    return {
      failures,
      tests: cases.length,
      text: `  <testsuite ${attrs}>\n${cases.map((c) => c.text).join('')}  </testsuite>\n`,
    };
  });
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  const head = `<testsuites name="permgraph lint" tests="${tests}" failures="${failures}" errors="0" time="0">\n`;

  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}${suites.map((s) => s.text).join('')}</testsuites>\n`;
}

function testCase(file: string, rule: string, findings: readonly Finding[], failOn: FailOn) {
  const failing = findings.filter((f) => atOrAbove(f.level, failOn));
  const others = findings.filter((f) => !atOrAbove(f.level, failOn));
  const open = `    <testcase classname="${xml(file)}" name="${xml(rule)}" time="0"`;
  if (findings.length === 0) return { failed: false, text: `${open}/>\n` };
  const body: string[] = [];
  if (failing.length > 0) {
    const first = failing[0] as Finding;
    const message =
      failing.length === 1 ? first.message : `${failing.length} findings; first: ${first.message}`;
    body.push(
      `      <failure message="${xml(message)}" type="${xml(first.level)}">${xml(failing.map(line).join('\n'))}</failure>\n`,
    );
  }
  if (others.length > 0)
    body.push(`      <system-out>${xml(others.map(line).join('\n'))}</system-out>\n`);

  return { failed: failing.length > 0, text: `${open}>\n${body.join('')}    </testcase>\n` };
}

function line(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.level} ${f.message}${f.fix ? ` (fix: ${f.fix})` : ''}`;
}

/** Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
