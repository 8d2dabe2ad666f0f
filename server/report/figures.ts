// The funder's report for a period. Definitions (also the page's footnotes, locales/*/report.json):
// - Period: Helsinki calendar dates, both included.
// - Families reached: distinct family accounts present at a held session of a family group
//   (held: at least one family present, as on the reach page), plus — on their own line — families
//   in a walk-alongside pairing active in the period; the total counts each family once.
// - Parents: the platform keeps one account per family and no count of adults, so parents are
//   counted as family accounts (a lower bound when both parents take part).
// - New: first ever present at a family group in the period; returning: present before it too.
// - Participant-hours: over held sessions, families present × the session's length (as held, from
//   opening to "end for everyone", when both were recorded; else as planned).
// - Groups by language/region/topic: the family groups that held a session in the period.
// - Walk-alongside: pairings active in the period (begun by its end, not ended before its start),
//   new ones (begun in it), contacts logged with a date in it and their minutes.
// - Volunteers active: distinct facilitators (lead or co) of a held session, or volunteers who
//   logged a contact, in the period.
// - Volunteer hours: sessions led (lead and co-facilitator each the session's length) + contact
//   minutes + time in trainings attended (members present × the training's length; the trainer
//   giving it is staff, not a volunteer).
// - Trainings: sessions of training meetings held; certifications: people certified in it.
// - Referrals: made in the period, by the referring organisation's partner kind, and of those the
//   ones the family has signed up through.
// Every count of people is a set of ids (or the ledger's keys), never a sum of per-group counts.
import { Organisation } from '../people/organisation.model.ts';
import { Person } from '../people/person.model.ts';
import type { ReportFigures } from '../protocol/report.ts';
import { alongsideFigures } from './alongside.ts';
import { periodOf } from './period.ts';
import { certifiedIn, referralsIn } from './people.ts';
import { sessionFigures } from './sessions.ts';

/** The coordinator's organisation (or the central one), named on the printed page. */
async function organisationName(personId: string): Promise<string> {
  const person = await Person.findById(personId, { organisationId: 1 }).lean();
  const own = person?.organisationId
    ? await Organisation.findById(person.organisationId, { name: 1 }).lean()
    : null;
  const org = own ?? (await Organisation.findOne({ kind: 'central' }, { name: 1 }).lean());
  return org?.name ?? 'Rinnalla';
}

export async function reportFigures(
  from: string,
  to: string,
  coordinatorId: string,
  now: Date,
): Promise<ReportFigures> {
  const period = periodOf(from, to);
  const [sessions, alongside, certified, referrals, name] = await Promise.all([
    sessionFigures(period),
    alongsideFigures(period),
    certifiedIn(period),
    referralsIn(period),
    organisationName(coordinatorId),
  ]);
  const families = new Set([...sessions.families, ...alongside.families]);
  const volunteers = new Set([...sessions.facilitators, ...alongside.volunteers]);
  return {
    from,
    to,
    madeAt: now.toISOString(),
    organisationName: name,
    families: {
      inGroups: sessions.families.size,
      alongside: alongside.families.size,
      total: families.size,
      parents: families.size,
      new: sessions.newFamilies,
      returning: sessions.returning,
    },
    sessions: {
      held: sessions.held,
      attendances: sessions.attendances,
      participantMinutes: sessions.participantMinutes,
    },
    groups: {
      active: sessions.groupsActive,
      byLanguage: sessions.byLanguage,
      byRegion: sessions.byRegion,
      byTopic: sessions.byTopic,
    },
    alongside: {
      pairingsActive: alongside.pairingsActive,
      pairingsNew: alongside.pairingsNew,
      contacts: alongside.contacts,
      contactMinutes: alongside.contactMinutes,
      volunteers: alongside.volunteers.size,
    },
    volunteers: {
      active: volunteers.size,
      sessionMinutes: sessions.ledMinutes,
      alongsideMinutes: alongside.contactMinutes,
      trainingMinutes: sessions.trainingMinutes,
      totalMinutes: sessions.ledMinutes + alongside.contactMinutes + sessions.trainingMinutes,
    },
    training: {
      trainingsHeld: sessions.trainingsHeld,
      trainees: sessions.trainees.size,
      certified,
    },
    referrals,
    byMonth: sessions.byMonth,
  };
}
