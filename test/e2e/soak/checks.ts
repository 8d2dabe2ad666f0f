// The soak's invariants, read from the database and the simulated clients after the run has
// settled. Each returns the violations it found (empty: it holds) and a few figures.
import { Message } from '../../../server/chat/message.model.ts';
import { Enrolment } from '../../../server/groups/enrolment.model.ts';
import { Group } from '../../../server/groups/group.model.ts';
import { OutboxMessage } from '../../../server/mail/outbox.model.ts';
import { Job } from '../../../server/reminders/job.model.ts';
import { Attendance, attendanceKey } from '../../../server/sessions/attendance.model.ts';
import type { SoakWorld } from './world.ts';

export interface CheckResult {
  name: string;
  violations: string[];
  figures: Record<string, number>;
}

export async function checkChat(world: SoakWorld): Promise<CheckResult> {
  const violations: string[] = [];
  let stored = 0;
  let acked = 0;
  let outOfOrder = 0;
  for (const group of world.groups) {
    const members = world.members.filter((m) => m.group === group);
    const rows = await Message.find({ channelId: group.channelId }, { clientId: 1, seq: 1 })
      .sort({ seq: 1 })
      .lean();
    stored += rows.length;
    const count = new Map<string, number>();
    for (const row of rows) count.set(row.clientId, (count.get(row.clientId) ?? 0) + 1);
    for (const [clientId, n] of count)
      if (n > 1) violations.push(`${group.channelId}: ${clientId} stored ${n} times`);
    const seqs = rows.map((r) => r.seq);
    if (new Set(seqs).size !== seqs.length) violations.push(`${group.channelId}: a seq used twice`);
    for (const member of members) {
      for (const clientId of member.acked) {
        acked += 1;
        if (count.get(clientId) !== 1)
          violations.push(
            `${group.channelId}: acknowledged ${clientId} stored ${count.get(clientId) ?? 0} times`,
          );
      }
      // Every member holds every stored message (live or by catch-up), in the stored order.
      const held = [...member.received.values()].filter((m) => m.channelId === group.channelId);
      const missing = rows.filter((r) => !member.received.has(r.clientId));
      if (missing.length > 0)
        violations.push(
          `${group.channelId}: ${member.kind} ${member.person.id} lacks ${missing.length} of ${rows.length} (e.g. seq ${missing[0]?.seq})`,
        );
      for (const message of held) {
        const row = rows.find((r) => r.clientId === message.clientId);
        if (!row)
          violations.push(`${group.channelId}: ${member.kind} holds unstored ${message.clientId}`);
        else if (row.seq !== message.seq)
          violations.push(
            `${group.channelId}: ${message.clientId} seq ${message.seq}, stored ${row.seq}`,
          );
      }
      for (const arrivals of member.arrivals)
        for (let i = 1; i < arrivals.length; i += 1)
          if (arrivals[i]! <= arrivals[i - 1]!) outOfOrder += 1;
    }
  }
  if (outOfOrder > 0) violations.push(`${outOfOrder} live arrivals out of seq order`);
  return { name: 'chat', violations, figures: { stored, acked, outOfOrder } };
}

export async function checkEnrolments(world: SoakWorld): Promise<CheckResult> {
  const violations: string[] = [];
  const group = await Group.findById(world.churnGroup.id).lean();
  const capacity = group?.capacity ?? world.churnGroup.capacity;
  const rows = await Enrolment.find({ groupId: world.churnGroup.id }).lean();
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  const waiting = rows.filter((r) => r.status === 'waitlisted');
  if (confirmed.length > capacity)
    violations.push(`${confirmed.length} confirmed in a group of ${capacity}`);
  if (waiting.length > 0 && confirmed.length < capacity)
    violations.push(
      `${waiting.length} waiting while ${capacity - confirmed.length} places are free`,
    );
  // The waitlist is served in arrival order: nobody still waiting arrived before a confirmed one
  // who got in after them — i.e. every waiting arrival is later than the last promoted/confirmed.
  const lastIn = Math.max(-Infinity, ...confirmed.map((r) => r.arrival));
  const firstWaiting = Math.min(Infinity, ...waiting.map((r) => r.arrival));
  if (firstWaiting < lastIn)
    violations.push(`waiting arrival ${firstWaiting} passed over by confirmed arrival ${lastIn}`);
  const active = new Map<string, number>();
  for (const r of rows.filter((r) => r.status === 'confirmed' || r.status === 'waitlisted'))
    active.set(String(r.personId), (active.get(String(r.personId)) ?? 0) + 1);
  for (const [person, n] of active) if (n > 1) violations.push(`${person} has ${n} active places`);
  const arrivals = rows.map((r) => r.arrival);
  if (new Set(arrivals).size !== arrivals.length) violations.push('an arrival number used twice');
  return {
    name: 'enrolments',
    violations,
    figures: {
      enrolments: rows.length,
      confirmed: confirmed.length,
      waitlisted: waiting.length,
      capacity,
      refusedSteps: world.churn.reduce((n, f) => n + f.refused, 0),
    },
  };
}

export async function checkReminders(world: SoakWorld, now: number): Promise<CheckResult> {
  const violations: string[] = [];
  let due = 0;
  for (const { person, groupId, dueAt } of world.reminded) {
    // Allow the sweep a little time after the due minute.
    if (dueAt > now - 15_000) continue;
    due += 1;
    const emails = await OutboxMessage.countDocuments({ to: person.email, template: 'reminder' });
    if (emails !== 1) violations.push(`${person.email}: ${emails} reminder emails, expected 1`);
    const jobs = await Job.find({ personId: person.id, groupId, kind: 'reminder' }).lean();
    const late = jobs.filter((j) => j.runAt.getTime() <= now - 15_000 && j.status !== 'done');
    if (late.length > 0)
      violations.push(`${person.email}: ${late.length} due reminder job(s) not done`);
  }
  return { name: 'reminders', violations, figures: { due, planned: world.reminded.length } };
}

export async function checkAttendance(world: SoakWorld): Promise<CheckResult> {
  const violations: string[] = [];
  let rows = 0;
  for (const member of world.members) {
    const row = await Attendance.findById(
      attendanceKey(member.group.sessionId, member.person.id),
    ).lean();
    if (member.kind === 'observer') {
      if (row)
        violations.push(`the hidden observer has an attendance row (${JSON.stringify(row)})`);
      continue;
    }
    if (member.joins === 0) {
      if (row) violations.push(`${member.person.id} never joined but has a row`);
      continue;
    }
    rows += 1;
    if (!row || !row.present || !row.joinedAt)
      violations.push(
        `${member.kind} ${member.person.id} joined ${member.joins}× but row ${JSON.stringify(row)}`,
      );
    else if (!row.leftAt)
      violations.push(`${member.kind} ${member.person.id} left but leftAt is null`);
  }
  return { name: 'attendance', violations, figures: { rows } };
}

export function checkObserver(world: SoakWorld): CheckResult {
  const families = world.members.filter((m) => m.kind === 'family' && m.group.hidden.length > 0);
  const violations = families.flatMap((m) => m.leaks.map((l) => `family ${m.person.id} got ${l}`));
  const observer = world.members.find((m) => m.kind === 'observer');
  return {
    name: 'hiddenObserver',
    violations,
    figures: { familiesWatched: families.length, observerJoins: observer?.joins ?? 0 },
  };
}
