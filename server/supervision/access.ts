// Finding what a report route is about, and refusing (as "not found") anyone the policy does not
// let near it: only the group's facilitators write reports, they and its trainer read them.
import { Types } from 'mongoose';
import type { Actor } from '../access/actor.ts';
import { may, type GroupRef } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { groupRef } from '../groups/views.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Report, type ReportDoc } from './report.model.ts';

const validId = (id: string | undefined): id is string => !!id && Types.ObjectId.isValid(id);

/** A family group's session the actor may report on (its facilitators); 404 for anyone else. */
export async function reportableSession(sessionId: string | undefined, actor: Actor) {
  const session = validId(sessionId) ? await GroupSession.findById(sessionId).lean() : null;
  const group = session ? await Group.findById(session.groupId).lean() : null;
  // Meetings for facilitators (training, supervision…) have no families to report on.
  if (!session || !group || (group.kind ?? 'family') !== 'family') throw notFound();
  if (!may(actor, 'report.write', await groupRef(group, actor))) throw notFound();
  return { session, group };
}

/** A report and its group, if the actor may do this to it; 404 otherwise. */
export async function accessibleReport(
  id: string | undefined,
  actor: Actor,
  action: 'report.read' | 'report.feedback',
): Promise<{ report: ReportDoc; group: GroupDoc; ref: GroupRef }> {
  const report = validId(id) ? await Report.findById(id).lean() : null;
  const group = report ? await Group.findById(report.groupId).lean() : null;
  if (!report || !group) throw notFound();
  const ref = await groupRef(group, actor);
  if (!may(actor, action, ref)) throw notFound();
  return { report, group, ref };
}
