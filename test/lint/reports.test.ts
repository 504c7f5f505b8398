/**
 * The lint formatters over one result with findings of every kind: SARIF checked against the
 * required fields of SARIF 2.1.0, JUnit checked for well-formed XML, JSON stable and sorted, text
 * grouped by file with a summary, Markdown fit for a pull-request comment.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseLintConfig } from '../../src/lint/config.js';
import { readLintInputs } from '../../src/lint/inputs.js';
import { allRules } from '../../src/lint/registry.js';
import { lint } from '../../src/lint/runner.js';
import type { LintResult } from '../../src/lint/types.js';
import { readSourceFile } from '../../src/model/source.js';
import { formatLintJson } from '../../src/report/lint-json.js';
import { formatLintJunit } from '../../src/report/lint-junit.js';
import { formatLintMarkdown } from '../../src/report/lint-markdown.js';
import { formatLintSarif } from '../../src/report/lint-sarif.js';
import { formatLintText } from '../../src/report/lint-text.js';
import { catalog, today } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'test/fixtures/lint');

function lintFixtures(): LintResult {
  const config = parseLintConfig(
    readSourceFile(path.join(fixtures, 'permgraph-config.yaml')),
    allRules,
  );
  const input = readLintInputs(
    [path.join(fixtures, 'team.yaml'), path.join(fixtures, 'odd-policy.json')],
    catalog,
  );

  return lint(input, { config, now: today, baseDir: root });
}

const result = lintFixtures();

/** The parts of SARIF 2.1.0 that its schema requires, and GitHub code scanning reads. */
const sarifSubset = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id', 'shortDescription', 'defaultConfiguration', 'properties'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: { $ref: '#/$defs/message' },
                        fullDescription: { $ref: '#/$defs/message' },
                        defaultConfiguration: {
                          type: 'object',
                          properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                        },
                        properties: {
                          type: 'object',
                          required: ['security-severity', 'tags'],
                          properties: {
                            'security-severity': { type: 'string', pattern: '^\\d+(\\.\\d)?$' },
                            tags: { type: 'array', items: { type: 'string' } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'message', 'locations', 'partialFingerprints', 'level'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { $ref: '#/$defs/message' },
                locations: { type: 'array', minItems: 1, items: { $ref: '#/$defs/location' } },
                relatedLocations: { type: 'array', items: { $ref: '#/$defs/location' } },
                partialFingerprints: {
                  type: 'object',
                  additionalProperties: { type: 'string' },
                  minProperties: 1,
                },
                codeFlows: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['threadFlows'],
                    properties: {
                      threadFlows: {
                        type: 'array',
                        minItems: 1,
                        items: {
                          type: 'object',
                          required: ['locations'],
                          properties: {
                            locations: {
                              type: 'array',
                              minItems: 1,
                              items: {
                                type: 'object',
                                required: ['location'],
                                properties: { location: { $ref: '#/$defs/location' } },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
                suppressions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['kind'],
                    properties: { kind: { enum: ['inSource', 'external'] } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
    location: {
      type: 'object',
      properties: {
        message: { $ref: '#/$defs/message' },
        physicalLocation: {
          type: 'object',
          required: ['artifactLocation'],
          properties: {
            artifactLocation: {
              type: 'object',
              required: ['uri'],
              properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' } },
            },
            region: {
              type: 'object',
              required: ['startLine'],
              properties: {
                startLine: { type: 'integer', minimum: 1 },
                startColumn: { type: 'integer', minimum: 1 },
              },
            },
          },
        },
      },
    },
  },
};

describe('SARIF', () => {
  const sarif = JSON.parse(formatLintSarif(result));
  const run = sarif.runs[0];

  it('has every field SARIF 2.1.0 requires', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(sarifSubset);
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  });

  it('points at files relative to the working directory, with ruleIndex into the rules', () => {
    const uris = run.results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect([...new Set(uris)]).toEqual([
      'test/fixtures/lint/odd-policy.json',
      'test/fixtures/lint/permgraph-config.yaml',
      'test/fixtures/lint/team.yaml',
    ]);
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('marks security rules, exports explanation paths as code flows and keeps suppressions', () => {
    const rule = run.tool.driver.rules.find(
      (r: { id: string }) => r.id === 'policy/wildcard-allow',
    );
    expect(rule.properties).toMatchObject({
      'security-severity': '8.0',
      tags: ['least-privilege', 'security'],
    });
    const excess = run.results.find(
      (r: { ruleId: string }) => r.ruleId === 'intent/excess-permission',
    );
    expect(
      excess.codeFlows[0].threadFlows[0].locations.map(
        (l: { location: { message: { text: string } } }) => l.location.message.text,
      ),
    ).toEqual(['group dba', 'grant of RDS FullAccess on project cn-north-1']);
    const admin = run.results.find((r: { ruleId: string }) => r.ruleId === 'grant/admin-group');
    expect(admin.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'the break-glass account' },
    ]);
  });
});

/** A small well-formedness check: one root, balanced tags, quoted attributes, known entities. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|&(\w+|#\d+);|<|&/g;
  for (const m of body.matchAll(token)) {
    if (m[0] === '<' || m[0] === '&') problems.push(`stray ${m[0]} at ${m.index}`);
    else if (m[5] !== undefined) {
      if (!['amp', 'lt', 'gt', 'quot', 'apos'].includes(m[5]) && !m[5].startsWith('#'))
        problems.push(`unknown entity &${m[5]};`);
    } else if (m[1] === '/') {
      if (stack.pop() !== m[2]) problems.push(`unbalanced </${m[2]}>`);
    } else {
      if (stack.length === 0) roots += 1;
      if (m[4] !== '/') stack.push(m[2] ?? '');
    }
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);

  return problems;
}

describe('JUnit', () => {
  const xml = formatLintJunit(result, 'error');

  it('is well-formed XML, with special characters of messages escaped', () => {
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('o&amp;b&lt;s&gt;');
    expect(xmlProblems('<a><b></a>')).toEqual(['unbalanced </a>', 'unclosed a']);
  });

  it('has one test case per rule and file, failing at or above --fail-on', () => {
    const cases = xml.match(/<testcase /g) ?? [];
    const expected = result.files.reduce((n, f) => n + f.rules.length, 0);
    expect(cases.length).toBe(expected);
    expect(xml).toMatch(/<testsuites name="permgraph lint" tests="\d+" failures="3"/);
    expect(formatLintJunit(result, 'suggestion')).toMatch(/<testsuites [^>]*failures="9"/);
  });
});

describe('JSON', () => {
  it('is the same on every run, sorted, with the catalog version', () => {
    const text = formatLintJson(result);
    expect(formatLintJson(lintFixtures())).toBe(text);
    const value = JSON.parse(text);
    expect(Object.keys(value)).toEqual([
      'tool',
      'catalog',
      'summary',
      'files',
      'findings',
      'rules',
    ]);
    expect(value.catalog).toEqual({ version: catalog.info.version, date: catalog.info.date });
    const keys = value.findings.map(
      (f: { file: string; line: number }) => `${f.file}:${String(f.line).padStart(4, '0')}`,
    );
    expect(keys).toEqual([...keys].sort());
    expect(value.summary).toEqual({
      error: 3,
      security: 2,
      warning: 3,
      suggestion: 1,
      suppressed: 1,
      baseline: 0,
    });
  });
});

describe('text', () => {
  it('groups findings by file and ends with the summary and catalog', () => {
    const text = formatLintText(result);
    const headers = text.split('\n').filter((l) => l.startsWith('test/'));
    expect(headers).toEqual([
      'test/fixtures/lint/odd-policy.json',
      'test/fixtures/lint/permgraph-config.yaml',
      'test/fixtures/lint/team.yaml',
    ]);
    expect(text).toContain(
      '  4:62    error      policy/unknown-action  rds:instance:lst is not an action of rds',
    );
    expect(text).not.toContain('grant/admin-group');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual([
      '9 findings: 3 errors, 2 security, 3 warnings, 1 suggestion (1 suppressed)',
      `catalog ${catalog.info.version} (${catalog.info.date})`,
    ]);
  });
});

describe('Markdown', () => {
  it('summarises, lists errors first and folds suppressed findings', () => {
    const md = formatLintMarkdown(result);
    const rows = md
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| Level') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split(' | ')[0])).toEqual([
      '| error',
      '| error',
      '| error',
      '| security',
      '| security',
      '| warning',
      '| warning',
      '| warning',
      '| suggestion',
      '| security',
    ]);
    expect(md).toContain('<details><summary>1 suppressed or baselined</summary>');
    expect(md.startsWith('## permgraph lint\n\n**9 findings: 3 errors')).toBe(true);
  });
});
