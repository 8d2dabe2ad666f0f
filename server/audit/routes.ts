import type { ApiRouter } from '../http/api.ts';
import { findByIds, findEachById } from '../db/byIds.ts';
import { Person } from '../people/person.model.ts';
import { apiSchemas, type AuditEntryInfo } from '../protocol/api.ts';
import { AUDIT_DAYS, AuditEntry } from './audit.model.ts';
import { pageByDay } from '../db/dayLists.ts';

const PAGE = 50;

interface EntryDoc {
  _id: unknown;
  at: Date;
  action: string;
  actorId: unknown;
  targetId: unknown;
  details?: unknown;
}

export function auditRoutes(api: ApiRouter): void {
  api.get('/audit', { action: 'audit.read', query: apiSchemas.listAudit }, async ({ query }) => {
    const entries = await pageByDay(AUDIT_DAYS, query.before, PAGE, (ids, need) =>
      findEachById<EntryDoc>(AuditEntry, ids.slice(0, need)),
    );
    const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id) => id != null))];
    const names = new Map(
      (
        await findByIds<{ _id: unknown; displayName: string }>(Person, actorIds, { displayName: 1 })
      ).map((p) => [String(p._id), p.displayName]),
    );
    return entries.map((entry): AuditEntryInfo => ({
      id: String(entry._id),
      at: entry.at.toISOString(),
      action: entry.action as AuditEntryInfo['action'],
      actorId: entry.actorId ? String(entry.actorId) : null,
      actorName: entry.actorId ? (names.get(String(entry.actorId)) ?? null) : null,
      targetId: entry.targetId ? String(entry.targetId) : null,
      details: (entry.details ?? {}) as AuditEntryInfo['details'],
    }));
  });
}
