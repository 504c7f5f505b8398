/**
 * `suggest-policy`: from what a principal is meant to do (the model's `intents`), the
 * least-privilege custom policies that allow exactly that — every action the intended
 * operations need, variants and required roles included, listed by name. Project-level and
 * global-service actions go into separate documents, as Huawei requires. Each suggestion is
 * checked: granted in place of the principal's current permissions, every intended operation
 * must be allowed.
 */
import type { CatalogAction } from '../catalog/catalog.js';
import { PermgraphError } from '../errors.js';
import type { SourcePosition } from '../model/source.js';
import type { AccountModel, Holder, Intent } from '../model/types.js';
import { describeScope } from '../model/types.js';
import { can } from './can.js';
import type { Evaluator } from './evaluator.js';
import { documentPermission } from './fix-plan.js';
import { evaluatorFor, withReplacedGrants, type ProposedGrant } from './fix-simulate.js';
import { grantedActions } from './permission.js';
import { resolveQuery } from './request.js';
import { policyDocument, type SuggestedDocument } from './suggest-document.js';
import { lintSuggestedDocuments } from './suggest-lint.js';
import type { Decision } from './types.js';

/** An intent as suggestions cite it: its 1-based number in the model and where it is. */
export interface IntentRef {
  number: number;
  principal: string;
  project?: string | undefined;
  operations: string[];
  actions: string[];
  position: SourcePosition;
}

/** One intended operation or action: its decision today and with only the suggested policies. */
export interface IntentCheck {
  what: string;
  project?: string | undefined;
  current: Decision;
  suggested: Decision;
}

/** A grant of a suggested policy. */
export interface SuggestedGrant {
  policy: string;
  /** The model's scope syntax: a project name, or `global`. */
  scope: string;
}

/** The suggestion for one principal. */
export interface PolicySuggestion {
  principal: string;
  intents: IntentRef[];
  documents: SuggestedDocument[];
  grants: SuggestedGrant[];
  /**
   * System permissions the intended operations ask to hold (`KMS Administrator` for an encrypted
   * instance): the documents include every catalog action of each, since that is what holding
   * it means to `can`. Granting the permission itself is the alternative.
   */
  standsFor: { permission: string; actions: number }[];
  /** The principal's grants today, which the suggestion replaces. */
  replaces: string[];
  checks: IntentCheck[];
  /** Every intended operation is allowed with only the suggested grants. */
  verified: boolean;
  /** What `permgraph lint` finds in the documents (nothing, when they are clean). */
  lint: { rules: number; findings: SuggestionFinding[] };
}

/** A lint finding about a suggested document. */
export interface SuggestionFinding {
  ruleId: string;
  level: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/** The answer to `suggest-policy`. */
export interface SuggestResult {
  catalog: { version: string; date: string };
  suggestions: PolicySuggestion[];
}

/** Which intents to answer for: one by number, those of one principal, or all. */
export interface SuggestSelection {
  intent?: string | undefined;
  principal?: string | undefined;
  now?: Date | undefined;
}

/** Answers `suggest-policy`, one suggestion per principal with intents. */
export function suggestPolicies(
  evaluator: Evaluator,
  selection: SuggestSelection = {},
): SuggestResult {
  const { model, catalog } = evaluator.pg;
  const chosen = selectIntents(model, selection);
  const byPrincipal = new Map<string, { holder: Holder; intents: [Intent, number][] }>();
  for (const [intent, number] of chosen) {
    const key = holderText(intent.principal);
    const entry = byPrincipal.get(key) ?? { holder: intent.principal, intents: [] };
    entry.intents.push([intent, number]);
    byPrincipal.set(key, entry);
  }
  const suggestions = [...byPrincipal.values()].map(({ holder, intents }) =>
    suggestFor(evaluator, holder, intents, selection.now),
  );

  return {
    catalog: { version: catalog.info.version, date: catalog.info.date },
    suggestions,
  };
}

function selectIntents(model: AccountModel, selection: SuggestSelection): [Intent, number][] {
  const all = model.intents.map((intent, i): [Intent, number] => [intent, i + 1]);
  if (all.length === 0) {
    throw new PermgraphError('E_USAGE', 'the model declares no intents', {
      hint: 'add `intents:` with a principal, a project and the operations it is meant to do',
    });
  }
  if (selection.intent !== undefined) return [intentByNumber(all, selection.intent)];
  if (selection.principal === undefined) return all;
  const wanted = normalisePrincipal(selection.principal);
  const found = all.filter(([intent]) => holderText(intent.principal) === wanted);
  if (found.length > 0) return found;
  const declared = [...new Set(all.map(([intent]) => holderText(intent.principal)))];
  throw new PermgraphError('E_USAGE', `the model declares no intent for ${wanted}`, {
    hint: `intents are declared for: ${declared.join(', ')}`,
  });
}

/** `3` or `intents[2]` (the path lint findings print). */
function intentByNumber(all: [Intent, number][], text: string): [Intent, number] {
  const path = /^intents\[(\d+)\]$/.exec(text);
  const number = path ? Number(path[1]) + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  const found = all[number - 1];
  if (found) return found;
  throw new PermgraphError('E_USAGE', `no intent "${text}"`, {
    hint: `the model has ${all.length} intent${all.length === 1 ? '' : 's'}: give a number from 1 to ${all.length}, or intents[0]…`,
  });
}

function normalisePrincipal(text: string): string {
  return text.includes(':') ? text : `user:${text}`;
}

function holderText(holder: Holder): string {
  return `${holder.kind}:${holder.name}`;
}

function suggestFor(
  evaluator: Evaluator,
  holder: Holder,
  intents: [Intent, number][],
  now: Date | undefined,
): PolicySuggestion {
  const needed = intents.flatMap(([intent]) => neededActions(evaluator, intent));
  const standsFor = [
    ...new Set(intents.flatMap(([intent]) => requiredPermissions(evaluator, intent))),
  ].map((permission) => ({
    permission,
    actions: grantedActions(evaluator, evaluator.pg.catalog.actions, permission).length,
  }));
  const project = needed.filter((a) => a.scope === 'project');
  const global = needed.filter((a) => a.scope === 'global');
  const base = `${holder.name}-least-privilege`;
  const documents = [
    ...(project.length > 0 ? [policyDocument(base, 'project', project)] : []),
    ...(global.length > 0 ? [policyDocument(`${base}-global`, 'global', global)] : []),
  ];
  const grants = grantsFor(evaluator.pg.model, documents, intents);
  const checks = checkIntents(evaluator, holder, intents, documents, grants, now);
  const linted = lintSuggestedDocuments(evaluator.pg.catalog, documents, now);

  return {
    principal: holderText(holder),
    intents: intents.map(([intent, number]) => intentRef(intent, number)),
    documents,
    grants,
    standsFor,
    replaces: currentGrants(evaluator.pg.model, holder),
    checks,
    verified: checks.every((c) => c.suggested === 'allow'),
    lint: {
      rules: linted.rules.length,
      findings: linted.findings.map((f) => ({
        ruleId: f.ruleId,
        level: f.level,
        message: f.message,
        file: f.file,
        line: f.line,
        column: f.column,
      })),
    },
  };
}

/**
 * Every catalog action an intent needs: each operation's required actions (with its variants),
 * every catalog action of each system permission it asks to hold (that is how `can` decides
 * "holds KMS Administrator" for a principal without the role itself), and the intent's actions.
 */
function neededActions(evaluator: Evaluator, intent: Intent): CatalogAction[] {
  const { catalog } = evaluator.pg;
  const options = { project: intent.project?.name };
  const out: CatalogAction[] = [];
  for (const spec of intent.operations) {
    for (const requirement of resolveAt(evaluator, intent, spec, options).requirements) {
      if (requirement.kind === 'action') out.push(requirement.action);
      else out.push(...grantedActions(evaluator, catalog.actions, requirement.permission.name));
    }
  }
  for (const name of intent.actions) {
    const action = catalog.findAction(name);
    if (!action) {
      throw new PermgraphError('E_UNKNOWN_ACTION', `intent names unknown action "${name}"`, {
        position: intent.position,
        ...(catalog.suggestAction(name)
          ? { hint: `did you mean "${catalog.suggestAction(name)}"?` }
          : {}),
      });
    }
    out.push(action);
  }
  return out;
}

/** The system permissions an intent's operations ask to hold, in order. */
function requiredPermissions(evaluator: Evaluator, intent: Intent): string[] {
  const options = { project: intent.project?.name };
  return intent.operations.flatMap((spec) =>
    resolveAt(evaluator, intent, spec, options).requirements.flatMap((r) =>
      r.kind === 'permission' ? [r.permission.name] : [],
    ),
  );
}

/** Resolves an intended operation, pointing errors at the intent rather than at a flag. */
function resolveAt(
  evaluator: Evaluator,
  intent: Intent,
  spec: string,
  options: { project?: string | undefined },
): ReturnType<typeof resolveQuery> {
  try {
    return resolveQuery(evaluator, spec, options);
  } catch (error) {
    if (!(error instanceof PermgraphError) || error.position) throw error;
    // The query's own message asks for --project; an intent says its project in the model.
    const message = error.message.replace(
      /say in which project with --project|say which with --project/,
      'add `project:` to the intent',
    );
    throw new PermgraphError(error.code, `intent operation "${spec}": ${message}`, {
      position: intent.position,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  }
}

/** The project-level document on every project of the intents; the global one on global. */
function grantsFor(
  model: AccountModel,
  documents: readonly SuggestedDocument[],
  intents: readonly [Intent, number][],
): SuggestedGrant[] {
  const fallback = model.projects.length === 1 ? model.projects[0]?.name : undefined;
  const projects = [
    ...new Set(intents.flatMap(([intent]) => intent.project?.name ?? fallback ?? [])),
  ].sort();
  return documents.flatMap((document) =>
    document.scope === 'global'
      ? [{ policy: document.name, scope: 'global' }]
      : projects.map((project) => ({ policy: document.name, scope: project })),
  );
}

function checkIntents(
  evaluator: Evaluator,
  holder: Holder,
  intents: readonly [Intent, number][],
  documents: readonly SuggestedDocument[],
  grants: readonly SuggestedGrant[],
  now: Date | undefined,
): IntentCheck[] {
  const { model } = evaluator.pg;
  const proposed: ProposedGrant[] = grants.map((grant) => {
    const document = documents.find((d) => d.name === grant.policy) as SuggestedDocument;
    const project = model.projects.find((p) => p.name === grant.scope);
    return {
      holder,
      permission: documentPermission(document),
      scope: project ? { kind: 'project', project } : { kind: 'global' },
    };
  });
  const replaced = evaluatorFor(withReplacedGrants(model, holder, proposed), evaluator);
  const principal = holderText(holder);
  return intents.flatMap(([intent]) =>
    [...intent.operations, ...intent.actions].map((what) => {
      const options = { project: intent.project?.name, ...(now ? { now } : {}) };
      return {
        what,
        project: intent.project?.name,
        current: can(evaluator, principal, what, options).decision,
        suggested: can(replaced, principal, what, options).decision,
      };
    }),
  );
}

function intentRef(intent: Intent, number: number): IntentRef {
  return {
    number,
    principal: holderText(intent.principal),
    project: intent.project?.name,
    operations: intent.operations,
    actions: intent.actions,
    position: intent.position,
  };
}

function currentGrants(model: AccountModel, holder: Holder): string[] {
  if (holder.kind === 'group') {
    const group = model.groups.get(holder.name);
    return (group?.grants ?? []).map((g) => `${g.permission.name} on ${describeScope(g.scope)}`);
  }
  const user = model.users.get(holder.name);
  const own = (user?.grants ?? []).map((g) => `${g.permission.name} on ${describeScope(g.scope)}`);
  const viaGroups = (user?.groups ?? []).flatMap((name) =>
    (model.groups.get(name)?.grants ?? []).map(
      (g) => `${g.permission.name} on ${describeScope(g.scope)} (group ${name})`,
    ),
  );
  return [...own, ...viaGroups];
}
