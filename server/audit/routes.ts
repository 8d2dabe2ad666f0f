import { Types } from 'mongoose';
import type { ApiRouter } from '../http/api.ts';
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import { apiSchemas, type AuditEntryInfo } from '../protocol/api.ts';
import { AuditEntry } from './audit.model.ts';

const PAGE = 50;

export function auditRoutes(api: ApiRouter): void {
  api.get('/audit', { action: 'audit.read', query: apiSchemas.listAudit }, async ({ query }) => {
    const filter = query.before ? { _id: op({ $lt: new Types.ObjectId(query.before) }) } : {};
    const entries = await AuditEntry.find(filter).sort({ _id: -1 }).limit(PAGE).lean();
    const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id) => id !== null))];
    const names = new Map(
      (await Person.find({ _id: op({ $in: actorIds }) }, { displayName: 1 }).lean()).map((p) => [
        String(p._id),
        p.displayName,
      ]),
    );
    return entries.map((entry): AuditEntryInfo => ({
      id: String(entry._id),
      at: entry.at.toISOString(),
      action: entry.action,
      actorId: entry.actorId ? String(entry.actorId) : null,
      actorName: entry.actorId ? (names.get(String(entry.actorId)) ?? null) : null,
      targetId: entry.targetId ? String(entry.targetId) : null,
      details: (entry.details ?? {}) as AuditEntryInfo['details'],
    }));
  });
}
