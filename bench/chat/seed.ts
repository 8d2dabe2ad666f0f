// The chat benchmark's data: groups, people, confirmed enrolments and login sessions.
import mongoose from 'mongoose';
import { LoginSession } from '../../server/auth/loginSession.model.ts';
import { cookieName } from '../../server/auth/sessions.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { activeKey, Enrolment } from '../../server/groups/enrolment.model.ts';
import { Group } from '../../server/groups/group.model.ts';
import { Person } from '../../server/people/person.model.ts';
import type { Member } from './members.ts';
import { FAMILIES, GROUPS } from './settings.ts';

/** A small seeded generator: the same senders in the same order on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Groups, people, confirmed enrolments and login sessions, written straight to the database. */
export async function seed(): Promise<Member[]> {
  const now = new Date();
  const trainerId = new mongoose.Types.ObjectId();
  const people: Record<string, unknown>[] = [
    {
      _id: trainerId,
      email: 'trainer@bench.rinnalla.invalid',
      displayName: 'Kouluttaja',
      roles: ['trainer'],
      emailVerifiedAt: now,
    },
  ];
  const groups: Record<string, unknown>[] = [];
  const enrolments: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  const members: Member[] = [];
  const cookie = cookieName({ secure: false });
  for (let g = 0; g < GROUPS; g += 1) {
    const groupId = new mongoose.Types.ObjectId();
    const facilitatorId = new mongoose.Types.ObjectId();
    for (let m = 0; m <= FAMILIES; m += 1) {
      const facilitator = m === 0;
      const personId = facilitator ? facilitatorId : new mongoose.Types.ObjectId();
      people.push({
        _id: personId,
        email: `g${g}-m${m}@bench.rinnalla.invalid`,
        displayName: facilitator ? `Ohjaaja ${g + 1}` : `Perhe ${g + 1}.${m}`,
        roles: [facilitator ? 'facilitator' : 'family'],
        supervisorId: facilitator ? trainerId : null,
        emailVerifiedAt: now,
      });
      if (!facilitator) {
        enrolments.push({
          groupId,
          personId,
          status: 'confirmed',
          arrival: m,
          rulesVersion: 'bench',
          activeKey: activeKey(String(groupId), String(personId)),
        });
      }
      // A session as sign-in makes it (server/auth/sessions.ts), without hashing a password.
      const token = newToken();
      sessions.push({
        _id: hashToken(token),
        personId,
        csrfToken: newToken(24),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
      });
      members.push({
        index: members.length,
        group: g,
        channelId: `group:${String(groupId)}`,
        cookie: `${cookie}=${token}`,
      });
    }
    groups.push({
      _id: groupId,
      title: [{ lang: 'fi', text: `Chat-mittausryhmä ${g + 1}` }],
      description: [{ lang: 'fi', text: 'Vertaisryhmä kahden kulttuurin perheille.' }],
      topics: ['everyday-two-cultures'],
      sessionLanguages: ['fi'],
      audience: 'parents',
      region: 'online-finland',
      capacity: FAMILIES + 1,
      leadFacilitatorId: facilitatorId,
      trainerId,
      status: 'open',
      visibility: 'invitation',
      schedule: {
        frequency: 'weekly',
        weekday: 'mo',
        startDate: '2027-01-04',
        startTime: '18:00',
        durationMinutes: 90,
        count: 10,
      },
      timeOfDay: 'evening',
      rulesVersion: 'bench',
      confirmedCount: FAMILIES,
      arrivalSeq: FAMILIES,
    });
  }
  await Person.insertMany(people);
  await Group.insertMany(groups);
  await Enrolment.insertMany(enrolments);
  await LoginSession.insertMany(sessions);
  return members;
}
