/**
 * The text form of a `fix` answer: the current decision, what denies or is missing, then the
 * proposed changes, smallest first, each marked as checked when re-evaluation allowed it.
 */
import { formatPosition } from '../errors.js';
import type { Alternative, DenyingStatement, FixResult, Proposal } from '../engine/fix.js';
import type { DliGrantProposal } from '../engine/fix-dli.js';
import { describeRequirement } from './can-text.js';
import { noStyle, printLines, type Style } from './style.js';

const headline: Record<FixResult['decision'], string> = {
  allow: 'ALLOWED',
  deny: 'DENIED (explicit deny)',
  'implicit-deny': 'DENIED (not granted)',
  conditional: 'CONDITIONAL',
};

/** How many missing actions a line names before it says "…". */
const shownActions = 6;

/** Renders a `fix` result as text. */
export function formatFixText(
  result: FixResult,
  options: { style?: Style; baseDir?: string } = {},
): string {
  const style = options.style ?? noStyle;
  const lines = [
    header(result, style),
    style.dim(`catalog ${result.catalog.version} (${result.catalog.date})`),
  ];
  if (result.allowed) {
    lines.push('', 'nothing to fix: the request is allowed');
    return printLines(lines, style);
  }
  if (result.denies.length > 0)
    lines.push('', ...denySection(result.denies, style, options.baseDir));
  if (result.conditional.length > 0) lines.push('', ...conditionalSection(result, style));
  if (result.missing.length > 0) lines.push('', ...missingSection(result, style));
  const still =
    result.denies.length > 0
      ? 'the Deny above still decides'
      : result.conditional.length > 0
        ? 'the conditions above still decide'
        : undefined;
  result.proposals.forEach((proposal, i) =>
    lines.push('', ...proposalSection(proposal, i, style, still)),
  );
  if (result.dliGrant) lines.push('', ...dliSection(result.dliGrant, style));
  else if (
    result.request.kind === 'privilege' &&
    result.missing.length === 0 &&
    result.decision === 'implicit-deny'
  )
    lines.push(
      '',
      'DLI grants name users or projects, not groups: ask fix about a member of the group',
    );
  if (result.alternatives.length > 0)
    lines.push('', ...alternativesSection(result.alternatives, style));
  return printLines(lines, style);
}

function header(result: FixResult, style: Style): string {
  const colour = result.allowed
    ? style.green
    : result.decision === 'conditional'
      ? style.yellow
      : style.red;
  const variants =
    result.request.variants.length > 0 ? `+${result.request.variants.join('+')}` : '';
  const where = result.request.project ? ` in project ${result.request.project}` : '';
  const on = result.request.on ? ` on ${result.request.on}` : '';
  return `${style.bold(colour(headline[result.decision]))}  ${result.principal} → ${result.request.name}${variants}${on}${where}`;
}

function denySection(
  denies: readonly DenyingStatement[],
  style: Style,
  baseDir: string | undefined,
): string[] {
  const lines = [
    style.bold('denied by'),
    style.dim(
      '  an explicit Deny outweighs every Allow: no grant fixes this, the statement must change',
    ),
  ];
  for (const deny of denies) {
    const where = deny.position ? ` (${formatPosition(deny.position, baseDir)})` : '';
    const pattern = deny.pattern && deny.pattern !== deny.action ? ` through ${deny.pattern}` : '';
    lines.push(
      `  - ${deny.permission} statement ${deny.statement}${where} denies ${deny.action}${pattern}`,
    );
    lines.push(`      granted to ${deny.grantedTo.replace(':', ' ')} on ${deny.grantScope}`);
    lines.push(
      deny.system
        ? `      it is a system permission: revoke that grant to remove the Deny`
        : `      change it: take ${deny.pattern ?? deny.action} out of its Action, or add a Condition that excludes this request`,
    );
  }
  return lines;
}

function conditionalSection(result: FixResult, style: Style): string[] {
  const lines = [style.bold('conditional')];
  for (const c of result.conditional)
    lines.push(
      `  - ${describeRequirement(c.requirement)} in ${c.scope} depends on ${c.unknownKeys.join(', ') || 'a condition'}: settle it with --context KEY=VALUE`,
    );
  return lines;
}

function missingSection(result: FixResult, style: Style): string[] {
  const lines = [style.bold('missing')];
  for (const m of result.missing) {
    const of = m.permissions.length > 0 ? ` of ${m.permissions.join(', ')}` : '';
    const count = m.actions.length === 1 ? '' : `${m.actions.length} actions${of}: `;
    lines.push(`  - ${m.scope}: ${count}${listActions(m.actions)}`);
  }
  return lines;
}

function listActions(actions: readonly string[]): string {
  const shown = actions.slice(0, shownActions).join(', ');
  return actions.length > shownActions ? `${shown}, …` : shown;
}

function proposalSection(
  proposal: Proposal,
  index: number,
  style: Style,
  still: string | undefined,
): string[] {
  const what =
    proposal.kind === 'existing'
      ? `grant ${proposal.grants.length === 1 ? 'an existing permission' : 'existing permissions'}`
      : 'a new custom policy with exactly the missing actions';
  const checked = !proposal.verified
    ? 'NOT confirmed by re-evaluation'
    : still
      ? `checked: nothing else is missing with it; ${still}`
      : 'checked: allowed with it';
  const title = index === 0 ? `smallest change: ${what}` : `or: ${what}`;
  const lines = [
    `${style.bold(title)}  ${style.dim(`(adds ${plural(proposal.adds, 'action')}; ${checked})`)}`,
  ];
  if (proposal.newGroup)
    lines.push(
      `  create group ${proposal.newGroup} with ${proposal.grants[0]?.to ?? ''} as its member`,
    );
  for (const grant of proposal.grants) {
    const type = proposal.documents.find((d) => d.name === grant.permission)?.type;
    const what =
      grant.origin === 'new'
        ? `create custom policy ${grant.permission} (type ${type ?? 'XA'}) and grant it`
        : `grant ${grant.origin} ${grant.permission}`;
    lines.push(`  ${what} on ${describeScopeName(grant.scope)} to ${grant.to.replace(':', ' ')}`);
  }
  if (proposal.completes.length > 0)
    lines.push(
      `  so that ${proposal.completes.join(', ')}, already granted, takes effect (its Depends)`,
    );
  if (proposal.alsoAffects.length > 0)
    lines.push(
      style.dim(
        `  the grant also reaches the other members of ${(proposal.grants[0]?.to ?? '').replace(':', ' ')}: ${proposal.alsoAffects.join(', ')}`,
      ),
    );
  for (const document of proposal.documents) {
    lines.push(`  ${document.name}.json:`);
    for (const line of document.text.trimEnd().split('\n')) lines.push(`    ${line}`);
  }
  return lines;
}

function dliSection(proposal: DliGrantProposal, style: Style): string[] {
  const checked = proposal.verified ? 'checked: allowed with it' : 'NOT confirmed by re-evaluation';
  const lines = [
    `${style.bold('smallest change: a DLI grant of exactly this privilege on this object')}  ${style.dim(`(${checked})`)}`,
    '  send it to DLI, or add it to the model under dli.requests:',
  ];
  for (const line of JSON.stringify(proposal.request, null, 2).split('\n'))
    lines.push(`    ${line}`);
  return lines;
}

function alternativesSection(alternatives: readonly Alternative[], style: Style): string[] {
  const lines = [style.bold('other existing permissions that would do')];
  for (const a of alternatives) {
    const completes = a.completes ? ` (makes ${a.completes} take effect)` : '';
    lines.push(
      `  - ${a.permissions.join(' + ')} on ${a.scope}${completes}: adds ${plural(a.adds, 'action')}`,
    );
  }
  return lines;
}

/** `global` → `global services`, a project name → `project <name>`. */
function describeScopeName(scope: string): string {
  return scope === 'global'
    ? 'global services'
    : scope === 'all'
      ? 'all resources'
      : `project ${scope}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
