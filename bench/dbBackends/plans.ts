// One line for an explain() answer from FerretDB v1: what the backend was asked to do (the SQL
// plan) and what FerretDB handed down to it (filter, sort, limit); the rest happens in Go.
import type { mongo } from 'mongoose';

interface PostgresNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PostgresNode[];
}

/** Table names carry a hash and filters a literal: neither says anything about the plan. */
const tidy = (text: string) =>
  text.replace(/_[0-9a-f]{8}(?=_|\b)/g, '').replace(/'(?:[^']|'')*'::jsonb/g, '<value>');

function postgresPlan(node: PostgresNode): string {
  const parts = [node['Node Type'] ?? '?'];
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (node['Index Cond']) parts.push(`cond ${node['Index Cond']}`);
  if (node.Filter) parts.push(`filter ${node.Filter}`);
  const children = (node.Plans ?? []).map(postgresPlan);
  return tidy(parts.join(' ')) + (children.length ? ` ← ${children.join(', ')}` : '');
}

function sqlitePlan(lines: string[]): string {
  return tidy(lines.map((line) => line.replace(/^.*detail=/, '')).join('; '));
}

export function describePlan(explained: mongo.Document): string {
  // FerretDB answers find, count and aggregate alike: the backend's plan in queryPlanner.Plan.
  const plan = (explained.queryPlanner as { Plan?: unknown } | undefined)?.Plan;
  const sql = Array.isArray(plan)
    ? sqlitePlan(plan as string[])
    : plan
      ? postgresPlan(plan as PostgresNode)
      : 'no plan';
  const yes = (flag: unknown) => (flag ? 'yes' : 'no');
  return (
    `plan: ${sql} (pushed down: filter ${yes(explained.filterPushdown)}, ` +
    `sort ${yes(explained.sortPushdown)}, limit ${yes(explained.limitPushdown)})`
  );
}
