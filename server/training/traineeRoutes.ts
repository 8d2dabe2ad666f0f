// Trainees and their trainers: my progress, each trainee's progress (their supervising trainer,
// coordinators), reflections to review, extra quiz attempts, signing off, and who may lead.
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { may } from '../access/policy.ts';
import type { Actor } from '../access/actor.ts';
import { notFound } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { roleHolders } from '../people/directory.ts';
import { Person, personRef, type PersonDoc } from '../people/person.model.ts';
import { programmeSchemas, type TraineeProgress } from '../protocol/training.ts';
import type { Clock } from '../reminders/runner.ts';
import { notify } from '../reminders/notification.model.ts';
import { superviseesOf } from '../supervision/supervisees.ts';
import { waitingReflections } from './waitingReflections.ts';
import { certify, eligibleLeads } from './certification.ts';
import { findModule } from './moduleRoutes.ts';
import { reflectionInfos, titleIn, traineeProgress } from './programmeViews.ts';
import { grantExtraAttempt, reviewReflection } from './progress.ts';
import { Reflection, type ReflectionDoc } from './progress.model.ts';

/** A facilitator the actor may act on for this action; anyone else answers like a missing one. */
async function findTrainee(
  id: string | undefined,
  actor: Actor,
  action: 'training.supervise' | 'training.certify',
): Promise<PersonDoc> {
  // By key, the role checked here (`{ _id, roles }` would read every person on FerretDB).
  const person = /^[0-9a-f]{24}$/.test(id ?? '') ? await Person.findById(id).lean() : null;
  if (!person?.roles.includes('facilitator') || !may(actor, action, personRef(person)))
    throw notFound();
  return person;
}

async function progressOf(person: PersonDoc, now: Date): Promise<TraineeProgress> {
  const [progress] = await traineeProgress([person], now);
  return progress!;
}

export function traineeRoutes(api: ApiRouter, clock: Clock, log: Logger): void {
  api.get('/training/progress', { action: 'training.learn' }, async ({ actor }) => {
    const me = await Person.findById(signedIn(actor).personId).lean();
    if (!me) throw notFound();
    return progressOf(me, clock.now());
  });

  api.get('/training/trainees', { action: 'training.supervise' }, async ({ actor }) => {
    const me = signedIn(actor);
    // A trainer's own facilitators come from their list, the coordinator's every facilitator
    // from the role's list (people/directory.ts), by key.
    const people = me.roles.includes('coordinator')
      ? (await roleHolders('facilitator')).slice(0, 500)
      : await superviseesOf(me.personId);
    return traineeProgress(people, clock.now());
  });

  api.get(
    '/training/trainees/:personId',
    { action: 'training.supervise' },
    async ({ actor, params }) =>
      progressOf(await findTrainee(params.personId, actor, 'training.supervise'), clock.now()),
  );

  api.post(
    '/training/trainees/:personId/certify',
    { action: 'training.certify', body: programmeSchemas.certify },
    async ({ actor, params, body }) => {
      const trainee = await findTrainee(params.personId, actor, 'training.certify');
      const now = clock.now();
      await certify({ trainee, byId: signedIn(actor).personId, ...body, now, log });
      return progressOf(trainee, now);
    },
  );

  api.post(
    '/training/trainees/:personId/modules/:moduleId/extra-attempt',
    { action: 'training.certify' },
    async ({ actor, params }) => {
      const trainee = await findTrainee(params.personId, actor, 'training.certify');
      const module = await findModule(params.moduleId);
      const now = clock.now();
      await grantExtraAttempt(String(trainee._id), module, signedIn(actor).personId, now);
      return progressOf(trainee, now);
    },
  );

  api.get('/training/reflections', { action: 'training.supervise' }, async ({ actor }) => {
    // A trainer reviews their own facilitators' reflections; a coordinator everyone's.
    const me = signedIn(actor);
    const people = me.roles.includes('coordinator')
      ? undefined
      : new Set((await superviseesOf(me.personId)).map((p) => String(p._id)));
    return reflectionInfos(await waitingReflections(people));
  });

  api.post(
    '/training/reflections/:id/review',
    { action: 'training.certify', body: programmeSchemas.reflectionReview },
    async ({ actor, params, body }) => {
      const reflection = /^reflection:[\w-]{43}$/.test(params.id ?? '')
        ? ((await Reflection.findById(params.id).lean()) as ReflectionDoc | null)
        : null;
      if (!reflection) throw notFound();
      const trainee = await findTrainee(String(reflection.personId), actor, 'training.certify');
      const module = await findModule(String(reflection.moduleId));
      const reviewed = await reviewReflection(
        reflection,
        body,
        signedIn(actor).personId,
        clock.now(),
      );
      // One per review (a trainee may revise and be answered again).
      await notify(`reflection-reviewed:${String(new Types.ObjectId())}`, {
        personId: trainee._id,
        kind: 'reflection-reviewed',
        params: {
          module: titleIn(module, trainee.language),
          link: `/training/modules/${String(module._id)}`,
        },
      });
      const [info] = await reflectionInfos([reviewed]);
      return info!;
    },
  );

  api.get('/training/eligible-leads', { action: 'training.eligibleLeads' }, async () =>
    eligibleLeads(clock.now()),
  );
}
