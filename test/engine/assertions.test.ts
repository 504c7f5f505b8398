/**
 * `permgraph test`: the assertions file is validated with positions, defaults apply, each
 * assertion is asked as `can` asks it, and mismatches are counted; the reports carry the
 * explanation of each mismatch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAssertions, meetsExpectation } from '../../src/engine/assertions-run.js';
import { assertionsJsonSchema, parseAssertions } from '../../src/engine/assertions.js';
import { parseSourceText } from '../../src/model/source.js';
import { formatTestJunit } from '../../src/report/test-junit.js';
import { formatTestText } from '../../src/report/test-text.js';
import { catchPermgraphError, evaluatorFor } from '../helpers.js';

const now = new Date('2026-06-01T00:00:00Z');

const model = evaluatorFor(`
projects: [{ name: p1 }, { name: p2 }]
users:
  - { name: alice, groups: [dba] }
  - { name: bob, groups: [dba, keys] }
groups:
  - name: dba
    grants: [{ permission: rds-no-delete, scope: p1 }]
  - name: keys
    grants: [{ permission: Key Admin, scope: p1 }]
policies:
  - name: rds-no-delete
    document:
      Version: "1.1"
      Statement:
        - { Effect: Allow, Action: ["rds:*:*"] }
        - { Effect: Deny, Action: ["rds:instance:delete"] }
        - Effect: Allow
          Action: ["kms:cmk:list"]
          Condition: { Bool: { "g:MFAPresent": ["true"] } }
`);

function parse(text: string) {
  return parseAssertions(parseSourceText(text, 'access.yaml'));
}

function run(text: string) {
  return runAssertions(model, parse(text), { file: 'access.yaml', now });
}

const file = `
version: 1
defaults:
  project: p1
assertions:
  - name: DBAs list instances
    principal: group:dba
    action: rds:instance:list
    expect: allow
  - principal: alice
    action: rds:instance:delete
    expect: deny
  - principal: bob
    operation: rds.instance.create
    variants: [encrypted]
    expect: allow
  - principal: alice
    operation: rds.instance.create+encrypted
    expect: allow
  - principal: alice
    action: kms:cmk:list
    expect: conditional
  - principal: alice
    action: kms:cmk:list
    context: { "g:MFAPresent": true }
    expect: allow
  - principal: alice
    action: rds:instance:list
    project: p2
    expect: denied
`;

describe('running assertions', () => {
  it('asks each assertion as can does and counts the mismatches', () => {
    const result = run(file);
    expect(result.outcomes.map((o) => [o.assertion.name, o.decision, o.passed])).toEqual([
      ['DBAs list instances', 'allow', true],
      ['alice rds:instance:delete in p1', 'deny', true],
      ['bob rds.instance.create+encrypted in p1', 'allow', true],
      ['alice rds.instance.create+encrypted in p1', 'implicit-deny', false],
      ['alice kms:cmk:list in p1', 'conditional', true],
      ['alice kms:cmk:list in p1', 'allow', true],
      ['alice rds:instance:list in p2', 'implicit-deny', true],
    ]);
    expect([result.total, result.passed, result.failed]).toEqual([7, 6, 1]);
  });

  it('denied accepts both kinds of denial and nothing else', () => {
    expect(meetsExpectation('deny', 'denied')).toBe(true);
    expect(meetsExpectation('implicit-deny', 'denied')).toBe(true);
    expect(meetsExpectation('conditional', 'denied')).toBe(false);
    expect(meetsExpectation('allow', 'denied')).toBe(false);
    expect(meetsExpectation('conditional', 'allow')).toBe(false);
  });

  it('the text report names the mismatch at its line, with the explanation', () => {
    const text = formatTestText(run(file));
    expect(text.split('\n').slice(0, 11)).toEqual([
      'permgraph test access.yaml: 7 assertions, 6 passed, 1 failed',
      'catalog test-1 (2026-01-01)',
      '',
      '  ✔ DBAs list instances  allow',
      '  ✔ alice rds:instance:delete in p1  deny',
      '  ✔ bob rds.instance.create+encrypted in p1  allow',
      '  ✘ alice rds.instance.create+encrypted in p1  expected allow, got implicit-deny',
      '  ✔ alice kms:cmk:list in p1  conditional',
      '  ✔ alice kms:cmk:list in p1  allow',
      '  ✔ alice rds:instance:list in p2  implicit-deny',
      '',
    ]);
    expect(text).toContain(
      'access.yaml:17:5: alice rds.instance.create+encrypted in p1: expected allow, got implicit-deny',
    );
    expect(text).toContain('      - hold Key Admin in project p1 [encrypted]');
  });

  it('the JUnit report has one test case per assertion and a failure per mismatch', () => {
    const xml = formatTestJunit(run(file));
    expect(xml).toContain(
      '<testsuites name="permgraph test" tests="7" failures="1" errors="0" skipped="0">',
    );
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain(
      '<testcase name="DBAs list instances" classname="access.yaml" file="access.yaml" line="6"/>',
    );
    expect(xml).toContain('<failure type="mismatch" message="expected allow, got implicit-deny">');
  });

  it('escapes XML in names', () => {
    const xml = formatTestJunit(
      run(`assertions:
  - { name: 'a <b> & "c"', principal: alice, action: rds:instance:list, project: p1, expect: allow }
`),
    );
    expect(xml).toContain('name="a &lt;b&gt; &amp; &quot;c&quot;"');
  });
});

describe('bad assertions files are input errors at their position', () => {
  const cases: [string, string, string][] = [
    [
      'a misspelt key',
      'assertions:\n  - principal: alice\n    action: rds:instance:list\n    expct: allow\n',
      'access.yaml:2:5 assertions[0]: unknown key "expct"',
    ],
    [
      'a missing expectation',
      'assertions:\n  - principal: alice\n    action: rds:instance:list\n',
      'access.yaml:2:5 assertions[0].expect: "expect" is missing: expected one of "allow"|"conditional"|"deny"|"implicit-deny"|"denied"',
    ],
    [
      'an unknown decision',
      'assertions:\n  - principal: alice\n    action: rds:instance:list\n    expect: maybe\n',
      'access.yaml:4:5 assertions[0].expect: Invalid option: expected one of "allow"|"conditional"|"deny"|"implicit-deny"|"denied"',
    ],
    [
      'two things asked',
      'assertions:\n  - { principal: alice, action: rds:instance:list, operation: rds.instance.create, expect: allow }\n',
      'access.yaml:2:5 assertions[0]: an assertion asks one thing: it has "action" and "operation"',
    ],
    [
      'nothing asked',
      'assertions:\n  - { principal: alice, expect: allow }\n',
      'access.yaml:2:5 assertions[0]: an assertion needs one of "action", "operation" or "privilege"',
    ],
    [
      'variants without an operation',
      'assertions:\n  - { principal: alice, action: rds:instance:list, variants: [x], expect: allow }\n',
      'access.yaml:2:52 assertions[0].variants: "variants" belong to an "operation"',
    ],
    [
      'a context value of the wrong type for its key',
      'assertions:\n  - principal: alice\n    action: rds:instance:list\n    context: { g:MFAPresent: yes }\n    expect: allow\n',
      'access.yaml:4:16 g:MFAPresent=yes: g:MFAPresent takes "true" or "false"',
    ],
    [
      'a resource that is not a URN',
      'assertions:\n  - { principal: alice, action: rds:instance:list, resource: db1, expect: allow }\n',
      'access.yaml:2:52 db1: expected a resource URN service:region:account:type:path, such as kms:cn-north-4:*:KeyId:key-1',
    ],
    [
      'no assertions',
      'version: 1\n',
      'access.yaml:1:1 assertions: "assertions" is missing: expected array, received undefined',
    ],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => {
      const error = catchPermgraphError(() => parse(text));
      const { file: f, line, column } = error.position ?? { file: '', line: 0, column: 0 };
      expect(`${f}:${line}:${column} ${error.message}`).toBe(expected);
      expect(error.code).toBe('E_SCHEMA');
    });
  }

  it('an unknown principal is reported at its assertion', () => {
    const error = catchPermgraphError(() =>
      run(
        'assertions:\n  - { principal: alize, action: rds:instance:list, project: p1, expect: allow }\n',
      ),
    );
    expect([error.code, error.position?.line, error.message]).toEqual([
      'E_UNKNOWN_PRINCIPAL',
      2,
      'assertion 1: unknown user "alize" in model model.yaml',
    ]);
    expect(error.hint).toBe('did you mean "user:alice"?');
  });

  it('an operation under action: says which key to use', () => {
    const error = catchPermgraphError(() =>
      run(
        'assertions:\n  - { principal: alice, action: rds.instance.create, project: p1, expect: allow }\n',
      ),
    );
    expect(error.message).toBe(
      'assertion 1: "rds.instance.create" is an operation: write operation: instead',
    );
  });

  it('a missing project names the key, not the command-line option', () => {
    const error = catchPermgraphError(() =>
      run('assertions:\n  - { principal: alice, action: rds:instance:list, expect: allow }\n'),
    );
    expect(error.message).toBe(
      'assertion 1: rds:instance:list is a project-level action: say in which project with project:',
    );
  });
});

describe('the JSON Schema', () => {
  it('describes the file and its expectations', () => {
    const schema = assertionsJsonSchema() as {
      required: string[];
      properties: {
        assertions: { items: { properties: Record<string, unknown>; required: string[] } };
      };
    };
    expect(schema.required).toEqual(['assertions']);
    const item = schema.properties.assertions.items;
    expect(Object.keys(item.properties).sort()).toEqual([
      'action',
      'context',
      'expect',
      'name',
      'object',
      'operation',
      'principal',
      'privilege',
      'project',
      'resource',
      'variants',
    ]);
    expect(item.required).toEqual(['principal', 'expect']);
  });
});

describe('schemas/assertions.json', () => {
  it('is the schema permgraph prints (regenerate with permgraph schema assertions)', () => {
    const file = readFileSync(new URL('../../schemas/assertions.json', import.meta.url), 'utf8');
    expect(JSON.parse(file)).toEqual(assertionsJsonSchema());
  });
});
