// Training modules: trainers and coordinators write them; facilitators see the published ones
// with their own progress, read, answer the quiz and write the reflection.
import { isValidObjectId } from 'mongoose';
import { hasRole, type Actor } from '../access/actor.ts';
import { serialised } from '../db/claims.ts';
import { notFound } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { programmeSchemas, type ModuleSummary } from '../protocol/training.ts';
import type { Clock } from '../reminders/runner.ts';
import { TrainingModule, type TrainingModuleDoc } from './module.model.ts';
import { checkAnswers, checkModuleInput, factsOf, loadFacts, moduleProgress } from './programme.ts';
import { toEdit, toSummary, toView } from './programmeViews.ts';
import { markRead, progressIn, submitQuiz, submitReflection } from './progress.ts';

const isStaff = (actor: Actor) => hasRole(actor, 'trainer', 'coordinator');

export async function findModule(id: string | undefined): Promise<TrainingModuleDoc> {
  const module = id && isValidObjectId(id) ? await TrainingModule.findById(id).lean() : null;
  if (!module) throw notFound();
  return module;
}

/** Staff see every module; a facilitator only published ones (others answer like missing ones). */
async function visibleModule(id: string | undefined, actor: Actor): Promise<TrainingModuleDoc> {
  const module = await findModule(id);
  if (!module.published && !isStaff(actor)) throw notFound();
  return module;
}

/** My progress in a module when I am a facilitator; staff read without progress. */
async function myProgress(actor: Actor, module: TrainingModuleDoc) {
  if (!hasRole(actor, 'facilitator')) return null;
  return (await progressIn(signedIn(actor).personId, module)).progress;
}

export function moduleRoutes(api: ApiRouter, clock: Clock): void {
  api.get('/training/modules', { action: 'training.read' }, async ({ actor }) => {
    const modules = await TrainingModule.find(isStaff(actor) ? {} : { published: true })
      .sort({ order: 1, _id: 1 })
      .lean();
    if (!hasRole(actor, 'facilitator')) return modules.map((m) => toSummary(m, null));
    const me = signedIn(actor).personId;
    const facts = await loadFacts([me], modules);
    return modules.map((m): ModuleSummary =>
      toSummary(m, moduleProgress(m, factsOf(facts, me, String(m._id)))),
    );
  });

  api.get('/training/modules/:id', { action: 'training.read' }, async ({ actor, params }) => {
    const module = await visibleModule(params.id, actor);
    return toView(module, await myProgress(actor, module));
  });

  api.get('/training/modules/:id/edit', { action: 'training.edit' }, async ({ params }) =>
    toEdit(await findModule(params.id)),
  );

  api.post(
    '/training/modules',
    { action: 'training.edit', body: programmeSchemas.moduleInput, status: 201 },
    async ({ body, t }) => {
      checkModuleInput(body, t);
      const module = await TrainingModule.create(body);
      return toEdit(module.toObject() as TrainingModuleDoc);
    },
  );

  api.put(
    '/training/modules/:id',
    { action: 'training.edit', body: programmeSchemas.moduleInput },
    async ({ params, body, t }) => {
      const module = await findModule(params.id);
      checkModuleInput(body, t);
      // Two editors saving at once: one after the other, the later one's text stands.
      return serialised(`training-module:${String(module._id)}`, async () => {
        await TrainingModule.updateOne({ _id: module._id }, body);
        return toEdit(await findModule(String(module._id)));
      });
    },
  );

  api.post(
    '/training/modules/:id/read',
    { action: 'training.learn' },
    async ({ actor, params }) => {
      const module = await visibleModule(params.id, actor);
      return markRead(signedIn(actor).personId, module, clock.now());
    },
  );

  api.post(
    '/training/modules/:id/quiz',
    { action: 'training.learn', body: programmeSchemas.quizAnswers },
    async ({ actor, params, body, t }) => {
      const module = await visibleModule(params.id, actor);
      if (module.quiz) checkAnswers(module.quiz, body.answers, t);
      return submitQuiz(signedIn(actor).personId, module, body.answers, clock.now());
    },
  );

  api.put(
    '/training/modules/:id/reflection',
    { action: 'training.learn', body: programmeSchemas.reflection },
    async ({ actor, params, body }) => {
      const module = await visibleModule(params.id, actor);
      return submitReflection(signedIn(actor).personId, module, body.text, clock.now());
    },
  );
}
