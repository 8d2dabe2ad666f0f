// Trainees and their trainers: my progress, each trainee's progress (their supervising trainer,
// coordinators), reflections to review, extra quiz attempts, signing off, and who may lead.
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { may, scopeOf } from '../access/policy.ts';
import type { Actor } from '../access/actor.ts';
import { op } from '../db/operators.ts';
import { notFound } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, personRef, type PersonDoc } from '../people/person.model.ts';
import { programmeSchemas, type TraineeProgress } from '../protocol/training.ts';
import type { Clock } from '../reminders/runner.ts';
import { notify } from '../reminders/notification.model.ts';
import { superviseesOf } from '../supervision/supervisees.ts';
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
  const person = /^[0-9a-f]{24}$/.test(id ?? '')
    ? await Person.findOne({ _id: id, roles: 'facilitator' }).lean()
    : null;
  if (!person || !may(actor, action, personRef(person))) throw notFound();
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
    // A trainer's own facilitators come from their list, by key; the coordinator sees everyone.
    const people = me.roles.includes('coordinator')
      ? await Person.find({ roles: 'facilitator', ...scopeOf(me, 'training.supervise') })
          .sort({ displayName: 1 })
          .limit(500)
          .lean()
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
    const scope = scopeOf(signedIn(actor), 'training.supervise');
    const waiting: Record<string, unknown> = { status: 'submitted' };
    if (Object.keys(scope).length > 0) {
      const trainees = await Person.find({ roles: 'facilitator', ...scope }, { _id: 1 }).lean();
      waiting.personId = op({ $in: trainees.map((p) => p._id) });
    }
    const reflections = await Reflection.find(waiting).sort({ submittedAt: 1 }).limit(500).lean();
    return reflectionInfos(reflections as ReflectionDoc[]);
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
