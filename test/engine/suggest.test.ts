import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { Evaluator } from '../../src/engine/evaluator.js';
import { suggestPolicies } from '../../src/engine/suggest.js';
import { policyDocument } from '../../src/engine/suggest-document.js';
import { lintSuggestedDocuments } from '../../src/engine/suggest-lint.js';
import { buildGraph } from '../../src/graph/build.js';
import { loadModelText } from '../../src/model/load.js';
import { catchPermgraphError, evaluatorFor } from '../helpers.js';

const now = new Date('2026-06-01T00:00:00Z');

describe('suggest-policy on every example intent', () => {
  const catalog = loadCatalog([]);
  const examples = readdirSync('examples')
    .map((name) => join('examples', name, 'permgraph.yaml'))
    .filter((file) => /^intents:/m.test(safeRead(file)));

  it('finds the examples that declare intents', () => {
    expect(examples).toEqual([
      'examples/rds-dba/permgraph.yaml',
      'examples/rds-team/permgraph.yaml',
    ]);
  });

  for (const file of examples) {
    it(`${file}: lints clean and, granted instead, keeps every intended operation allowed`, () => {
      const model = loadModelText(readFileSync(file, 'utf8'), file, catalog);
      const evaluator = new Evaluator(buildGraph(model, catalog));
      const result = suggestPolicies(evaluator, { now });
      expect(result.suggestions.length).toBeGreaterThan(0);
      for (const suggestion of result.suggestions) {
        expect(suggestion.lint.findings).toEqual([]);
        expect(suggestion.checks.length).toBeGreaterThan(0);
        expect(suggestion.checks.filter((c) => c.suggested !== 'allow')).toEqual([]);
        expect(suggestion.verified).toBe(true);
        for (const document of suggestion.documents)
          expect(document.actions.every((a) => !a.includes('*'))).toBe(true);
      }
    });
  }

  it('rds-team: the dba group needs the KMS actions that stand for KMS Administrator', () => {
    const file = 'examples/rds-team/permgraph.yaml';
    const model = loadModelText(readFileSync(file, 'utf8'), file, catalog);
    const [suggestion] = suggestPolicies(new Evaluator(buildGraph(model, catalog)), {
      now,
    }).suggestions;
    expect(suggestion?.documents.map((d) => [d.name, d.type, d.actions.length])).toEqual([
      ['dba-least-privilege', 'XA', 22],
    ]);
    expect(suggestion?.grants).toEqual([{ policy: 'dba-least-privilege', scope: 'cn-north-1' }]);
    expect(suggestion?.standsFor).toEqual([{ permission: 'KMS Administrator', actions: 18 }]);
    expect(suggestion?.checks.map((c) => [c.what, c.current, c.suggested])).toEqual([
      ['rds.instance.create+encrypted', 'implicit-deny', 'allow'],
      ['rds.backup.create', 'allow', 'allow'],
      ['rds.instance.list', 'allow', 'allow'],
    ]);
  });
});

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

describe('suggest-policy documents', () => {
  const model = `projects: [{ name: p1 }, { name: p2 }]
users: [{ name: alice, groups: [g] }, { name: bob }]
groups: [{ name: g, grants: [{ permission: Admin, scope: all }] }]
intents:
  - principal: group:g
    project: p1
    operations: [rds.instance.create+prepaid]
  - principal: user:bob
    project: p2
    operations: [rds.instance.create+encrypted]
    actions: [rds:backup:create]
`;

  it('splits project-level and global actions into an XA and an AX policy, granted accordingly', () => {
    const [suggestion] = suggestPolicies(evaluatorFor(model), { intent: '1', now }).suggestions;
    expect(suggestion?.documents.map((d) => d.document)).toEqual([
      {
        Version: '1.1',
        Statement: [{ Effect: 'Allow', Action: ['rds:instance:create', 'rds:instance:list'] }],
      },
      {
        Version: '1.1',
        Statement: [{ Effect: 'Allow', Action: ['bss:order:pay', 'bss:order:update'] }],
      },
    ]);
    expect(suggestion?.documents.map((d) => [d.name, d.type])).toEqual([
      ['g-least-privilege', 'XA'],
      ['g-least-privilege-global', 'AX'],
    ]);
    expect(suggestion?.grants).toEqual([
      { policy: 'g-least-privilege', scope: 'p1' },
      { policy: 'g-least-privilege-global', scope: 'global' },
    ]);
    expect(suggestion?.replaces).toEqual(['Admin on all resources']);
    expect(suggestion?.verified).toBe(true);
  });

  it('writes one statement per service and adds the intent actions', () => {
    const [suggestion] = suggestPolicies(evaluatorFor(model), {
      principal: 'bob',
      now,
    }).suggestions;
    expect(suggestion?.principal).toBe('user:bob');
    expect(suggestion?.standsFor).toEqual([{ permission: 'Key Admin', actions: 2 }]);
    expect(suggestion?.documents.map((d) => d.document.Statement)).toEqual([
      [
        { Effect: 'Allow', Action: ['kms:cmk:create', 'kms:cmk:list'] },
        {
          Effect: 'Allow',
          Action: ['rds:backup:create', 'rds:instance:create', 'rds:instance:list'],
        },
      ],
    ]);
    expect(suggestion?.checks.map((c) => [c.what, c.current, c.suggested])).toEqual([
      ['rds.instance.create+encrypted', 'implicit-deny', 'allow'],
      ['rds:backup:create', 'implicit-deny', 'allow'],
    ]);
  });

  it('answers every principal with intents when none is chosen, in model order', () => {
    const result = suggestPolicies(evaluatorFor(model), { now });
    expect(result.suggestions.map((s) => [s.principal, s.intents.map((i) => i.number)])).toEqual([
      ['group:g', [1]],
      ['user:bob', [2]],
    ]);
    expect(result.catalog).toEqual({ version: 'test-1', date: '2026-01-01' });
  });

  it('accepts intents[0] as lint prints it', () => {
    const result = suggestPolicies(evaluatorFor(model), { intent: 'intents[1]', now });
    expect(result.suggestions.map((s) => s.principal)).toEqual(['user:bob']);
  });

  it('refuses an unknown intent, a principal without intents, and a model without intents', () => {
    expect(
      catchPermgraphError(() => suggestPolicies(evaluatorFor(model), { intent: '3' })).message,
    ).toBe('no intent "3"');
    const none = catchPermgraphError(() =>
      suggestPolicies(evaluatorFor(model), { principal: 'alice' }),
    );
    expect([none.code, none.message, none.hint]).toEqual([
      'E_USAGE',
      'the model declares no intent for user:alice',
      'intents are declared for: group:g, user:bob',
    ]);
    const empty = catchPermgraphError(() =>
      suggestPolicies(evaluatorFor('projects: [{ name: p1 }]\n')),
    );
    expect(empty.message).toBe('the model declares no intents');
  });

  it('asks for the intent project when the model has several', () => {
    const error = catchPermgraphError(() =>
      suggestPolicies(
        evaluatorFor(`projects: [{ name: p1 }, { name: p2 }]
groups: [{ name: g }]
intents:
  - principal: group:g
    operations: [rds.instance.create]
`),
      ),
    );
    expect([error.code, error.message, error.position?.line]).toEqual([
      'E_USAGE',
      'intent operation "rds.instance.create": rds:instance:create is a project-level action: add `project:` to the intent',
      4,
    ]);
  });

  it('points at the intent when it names an unknown action', () => {
    const error = catchPermgraphError(() =>
      suggestPolicies(
        evaluatorFor(`projects: [{ name: p1 }]
groups: [{ name: g }]
intents:
  - principal: group:g
    actions: [rds:instance:craete]
`),
      ),
    );
    expect([error.code, error.message, error.hint]).toEqual([
      'E_UNKNOWN_ACTION',
      'intent names unknown action "rds:instance:craete"',
      'did you mean "rds:instance:create"?',
    ]);
    expect([error.position?.line, error.position?.column]).toEqual([4, 5]);
  });
});

describe('suggest-policy lint check', () => {
  it('is not vacuous: a wildcard or mixed document gets findings', () => {
    const catalog = loadCatalog([]);
    const good = policyDocument('ok', 'project', [catalog.findAction('rds:instance:list')!]);
    const text = JSON.stringify({
      Version: '1.1',
      Statement: [{ Effect: 'Allow', Action: ['rds:*:*', 'iam:agencies:listAgencies'] }],
    });
    const result = lintSuggestedDocuments(catalog, [good, { ...good, name: 'bad', text }], now);
    expect([...new Set(result.findings.map((f) => `${f.file} ${f.ruleId}`))].sort()).toEqual([
      'bad.json policy/mixed-scope',
      'bad.json policy/wildcard-allow',
    ]);
  });
});
