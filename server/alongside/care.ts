// The supervising trainer's view of their walk-alongside volunteers (load, last contact, hours
// this year) and the sweep that raises a pairing quiet for QUIET_PAIRING_DAYS to them, once per
// quiet spell (a new contact starts the clock again).
import { findByIds } from '../db/byIds.ts';
import { claimOnce } from '../db/claims.ts';
import { idsIn } from '../db/idLists.ts';
import { Person } from '../people/person.model.ts';
import { QUIET_PAIRING_DAYS, type VolunteerLoad } from '../protocol/alongside.ts';
import { notify } from '../reminders/notification.model.ts';
import { PeriodicSweep, type SweepOptions } from '../reminders/sweep.ts';
import { superviseesOf } from '../supervision/supervisees.ts';
import { contactsOf } from './contacts.ts';
import { alongsideOf } from './pairings.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { helsinkiDate } from './time.ts';

const DAY_MS = 86_400_000;
/** Since when a pairing has been quiet: its last contact, or its start if none yet. */
const quietSince = (p: PairingDoc) => p.lastContactAt ?? p.startedAt;
const isQuiet = (p: PairingDoc, now: Date) =>
  p.status === 'active' && now.getTime() - quietSince(p).getTime() >= QUIET_PAIRING_DAYS * DAY_MS;

export async function volunteerLoads(trainerId: string, now: Date): Promise<VolunteerLoad[]> {
  const year = helsinkiDate(now).slice(0, 4);
  const loads = await Promise.all(
    (await superviseesOf(trainerId)).map(async (volunteer) => {
      const id = String(volunteer._id);
      const pairings = (await alongsideOf(id)).pairings.filter((p) => String(p.volunteerId) === id);
      if (pairings.length === 0) return null;
      const contacts = (await Promise.all(pairings.map(contactsOf))).flat();
      const last = pairings
        .map((p) => p.lastContactAt)
        .filter((at): at is Date => !!at)
        .sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        volunteerId: id,
        name: volunteer.displayName,
        activePairings: pairings.filter((p) => p.status === 'active').length,
        lastContactAt: last ? last.toISOString() : null,
        minutesThisYear: contacts
          .filter((c) => c.date.startsWith(year))
          .reduce((sum, c) => sum + c.minutes, 0),
        quietPairings: pairings
          .filter((p) => isQuiet(p, now))
          .map((p) => ({ pairingId: String(p._id), since: quietSince(p).toISOString() })),
      } satisfies VolunteerLoad;
    }),
  );
  return loads.filter((l): l is VolunteerLoad => l !== null);
}

/** Raises quiet pairings to the volunteer's trainer: in-app, in the trainer's language. */
export class QuietPairings extends PeriodicSweep {
  constructor(options: SweepOptions) {
    super(options, 'quiet pairing sweep');
  }

  protected async sweep(): Promise<number> {
    const now = this.clock.now();
    const pairings = await findByIds<PairingDoc>(
      Pairing,
      await idsIn('alongside-pairings', 'all'),
      undefined,
      (p) => isQuiet(p, now) && !p.quietRaisedAt,
    );
    let raised = 0;
    for (const pairing of pairings) {
      if (this.halted) break;
      // Once per quiet spell, across processes: the spell is named by when it began.
      const spell = `alongside-quiet:${String(pairing._id)}:${quietSince(pairing).getTime()}`;
      if (!(await claimOnce(spell))) continue;
      const volunteer = await Person.findById(pairing.volunteerId, {
        displayName: 1,
        supervisorId: 1,
      }).lean();
      const trainer = volunteer?.supervisorId
        ? await Person.findById(volunteer.supervisorId, { _id: 1 }).lean()
        : null;
      await Pairing.updateOne({ _id: pairing._id }, { quietRaisedAt: now });
      if (!volunteer || !trainer) continue;
      await notify(spell, {
        personId: trainer._id,
        kind: 'alongside-quiet',
        params: {
          volunteer: volunteer.displayName,
          count: String(QUIET_PAIRING_DAYS),
          link: '/alongside/volunteers',
        },
      });
      raised += 1;
    }
    return raised;
  }
}
