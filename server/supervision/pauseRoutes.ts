// A facilitator pausing themself (and coming back): they are not offered as a group's
// facilitator meanwhile, and their recruitment application follows them to "paused" and back
// when it is in a state that can pause — best effort: the pause itself never fails over it.
import { accessChanged } from '../access/changes.ts';
import type { Logger } from 'pino';
import { op } from '../db/operators.ts';
import type { FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { supervisionSchemas, type PauseInfo } from '../protocol/supervision.ts';
import { LEGACY_PIPELINE_REASONS, type PipelineStatus } from '../protocol/training.ts';
import { Application } from '../training/application.model.ts';
import { nextStatuses, transition } from '../training/pipeline.ts';
import type { SupervisionContext } from './context.ts';

const PAUSABLE: PipelineStatus[] = ['inTraining', 'certified', 'active'];

function pauseInfo(person: Pick<PersonDoc, 'pause'> | null): PauseInfo {
  const pause = person?.pause;
  return {
    paused: !!pause?.since,
    since: pause?.since ? pause.since.toISOString() : null,
    until: pause?.since ? (pause.until ?? null) : null,
    note: pause?.since ? (pause.note ?? '') : '',
  };
}

const helsinkiToday = (now: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(now);

/** Moves the person's application along with their pause, if it can follow. */
async function followInPipeline(
  person: Pick<PersonDoc, '_id' | 'email'>,
  pausing: boolean,
  now: Date,
  log: Logger,
): Promise<void> {
  const personId = String(person._id);
  try {
    const application = await Application.findOne({
      $or: [{ email: person.email }, { personId: person._id }],
      status: pausing ? op({ $in: PAUSABLE }) : 'paused',
    }).lean();
    if (!application) return;
    if (pausing) {
      await transition(
        String(application._id),
        personId,
        {
          to: 'paused',
          reason: '',
          reasonCode: 'pausedByThemself',
        },
        now,
      );
      return;
    }
    // Only a pause they took themself ends with theirs (a coordinator's stays).
    const paused = application.history.findLast((s) => s.to === 'paused');
    const theirOwn =
      paused?.reasonCode === 'pausedByThemself' ||
      LEGACY_PIPELINE_REASONS[paused?.reason ?? ''] === 'pausedByThemself';
    if (!theirOwn || String(paused?.byId) !== personId) return;
    const back = nextStatuses(application).find((s) => s !== 'ended');
    if (back)
      await transition(
        String(application._id),
        personId,
        { to: back, reason: '', reasonCode: 'backFromPause' },
        now,
      );
  } catch (error) {
    log.warn({ err: error, personId }, 'application did not follow the pause');
  }
}

export function pauseRoutes(api: ApiRouter, deps: FeatureDeps, { clock }: SupervisionContext) {
  api.get('/me/pause', { action: 'volunteer.pause' }, async ({ actor }) =>
    pauseInfo(await Person.findById(signedIn(actor).personId, { pause: 1 }).lean()),
  );

  api.put(
    '/me/pause',
    { action: 'volunteer.pause', body: supervisionSchemas.pause },
    async ({ actor, body, t }) => {
      const me = signedIn(actor).personId;
      const now = clock.now();
      if (body.until && body.until < helsinkiToday(now))
        throw new RequestError('invalid', 400, { until: t('supervision.untilInPast') });
      const person = await Person.findById(me, { email: 1, pause: 1 }).lean();
      if (!person) throw new RequestError('unauthenticated', 401);
      // Changing the expected return keeps the day the pause began.
      const since = person.pause?.since ?? now;
      await Person.updateOne(
        { _id: me },
        { pause: { since, until: body.until ?? null, note: body.note } },
      );
      if (!person.pause?.since) await followInPipeline(person, true, now, deps.log);
      // A paused facilitator runs no family group meanwhile: their live rooms are asked about.
      accessChanged({ personIds: [me], reason: 'pause' });
      return pauseInfo(await Person.findById(me, { pause: 1 }).lean());
    },
  );

  api.delete('/me/pause', { action: 'volunteer.pause' }, async ({ actor }) => {
    const me = signedIn(actor).personId;
    const person = await Person.findById(me, { email: 1, pause: 1 }).lean();
    if (person?.pause?.since) {
      await Person.updateOne({ _id: me }, { pause: { since: null, until: null, note: '' } });
      await followInPipeline(person, false, clock.now(), deps.log);
    }
    return pauseInfo(await Person.findById(me, { pause: 1 }).lean());
  });
}
