// How modules and progress are shown: summaries, the trainee's view (never the right answers),
// the editor's view, each trainee's progress and reflections waiting for review.
import { namesOf } from '../people/names.ts';
import { op } from '../db/operators.ts';
import type { PersonDoc } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import type {
  CertificationInfo,
  LocalizedShort,
  ModuleEdit,
  ModuleProgress,
  ModuleSummary,
  ModuleView,
  ReflectionInfo,
  TraineeProgress,
} from '../protocol/training.ts';
import { certificationsOf, type CertificationDoc } from './certification.model.ts';
import { TrainingModule, type TrainingModuleDoc } from './module.model.ts';
import { factsOf, loadFacts, moduleProgress } from './programme.ts';
import type { ReflectionDoc } from './progress.model.ts';

type Localized = { lang?: string | null; text?: string | null }[];
const localized = (items: Localized): LocalizedShort[] =>
  items.map((x) => ({ lang: x.lang as LanguageCode, text: x.text ?? '' }));

export const titlesOf = (module: TrainingModuleDoc): LocalizedShort[] =>
  module.content.map((c) => ({ lang: c.lang as LanguageCode, text: c.title ?? '' }));

/** The module's title in this language, else Finnish, else the first one written. */
export function titleIn(module: TrainingModuleDoc, lang: string): string {
  const pick = (l: string) => module.content.find((c) => c.lang === l)?.title;
  return pick(lang) ?? pick('fi') ?? module.content[0]?.title ?? '';
}

/** Published modules in programme order (order, then creation). */
export function publishedModules() {
  return TrainingModule.find({ published: true }).sort({ order: 1, _id: 1 }).lean();
}

export function toSummary(
  module: TrainingModuleDoc,
  progress: ModuleProgress | null,
): ModuleSummary {
  return {
    id: String(module._id),
    order: module.order,
    required: module.required,
    published: module.published,
    titles: titlesOf(module),
    hasQuiz: !!module.quiz,
    hasReflection: !!module.reflection,
    progress,
  };
}

export function toView(module: TrainingModuleDoc, progress: ModuleProgress | null): ModuleView {
  return {
    ...toSummary(module, progress),
    content: module.content.map((c) => ({
      lang: c.lang as LanguageCode,
      title: c.title ?? '',
      body: c.body ?? '',
    })),
    // Spelled out field by field: the right answers must never reach a trainee.
    quiz: module.quiz
      ? {
          passMark: module.quiz.passMark,
          maxAttempts: module.quiz.maxAttempts,
          questions: module.quiz.questions.map((q) => ({
            id: q.id,
            prompt: localized(q.prompt),
            options: q.options.map((o) => ({ id: o.id ?? '', text: localized(o.text) })),
            multiple: q.correct.length > 1,
          })),
        }
      : null,
    reflection: module.reflection ? { prompt: localized(module.reflection.prompt) } : null,
  };
}

export function toEdit(module: TrainingModuleDoc): ModuleEdit {
  return {
    id: String(module._id),
    order: module.order,
    required: module.required,
    published: module.published,
    content: toView(module, null).content,
    quiz: module.quiz
      ? {
          passMark: module.quiz.passMark,
          maxAttempts: module.quiz.maxAttempts,
          questions: module.quiz.questions.map((q) => ({
            id: q.id,
            prompt: localized(q.prompt),
            options: q.options.map((o) => ({ id: o.id ?? '', text: localized(o.text) })),
            correct: [...q.correct],
          })),
        }
      : null,
    reflection: module.reflection ? { prompt: localized(module.reflection.prompt) } : null,
    updatedAt: module.updatedAt.toISOString(),
  };
}

export function certificationInfo(
  certification: CertificationDoc,
  names: Map<string, string>,
  now: Date,
): CertificationInfo {
  return {
    certifiedAt: certification.certifiedAt.toISOString(),
    validUntil: certification.validUntil.toISOString(),
    signedOffByName: names.get(String(certification.signedOffById)) ?? '',
    note: certification.note,
    valid: certification.validUntil > now,
  };
}

/** Each person's place in the published programme, and their newest certification. */
export async function traineeProgress(people: PersonDoc[], now: Date): Promise<TraineeProgress[]> {
  const ids = people.map((p) => String(p._id));
  const [modules, certifications] = await Promise.all([publishedModules(), certificationsOf(ids)]);
  const facts = await loadFacts(ids, modules);
  const names = await namesOf([
    ...[...facts.values()].map((f) => f.reflection?.reviewerId),
    ...certifications.map((c) => c.signedOffById),
  ]);
  return people.map((person) => {
    const personId = String(person._id);
    const progress = modules.map((module) => ({
      ...moduleProgress(module, factsOf(facts, personId, String(module._id)), names),
      order: module.order,
      required: module.required,
      titles: titlesOf(module),
    }));
    const required = progress.filter((m) => m.required);
    const requiredPassed = required.filter((m) => m.status === 'passed').length;
    const newest = certifications.find((c) => String(c.personId) === personId);
    return {
      personId,
      displayName: person.displayName,
      supervisorId: person.supervisorId ? String(person.supervisorId) : null,
      modules: progress,
      requiredPassed,
      requiredTotal: required.length,
      readyForSignOff: requiredPassed === required.length,
      certification: newest ? certificationInfo(newest, names, now) : null,
      paused: !!person.pause?.since,
    };
  });
}

export async function reflectionInfos(reflections: ReflectionDoc[]): Promise<ReflectionInfo[]> {
  const [modules, names] = await Promise.all([
    TrainingModule.find({ _id: op({ $in: reflections.map((r) => r.moduleId) }) }).lean(),
    namesOf(reflections.map((r) => r.personId)),
  ]);
  const byId = new Map(modules.map((m) => [String(m._id), m]));
  return reflections.flatMap((r) => {
    const module = byId.get(String(r.moduleId));
    if (!module) return [];
    return [
      {
        id: r._id,
        moduleId: String(r.moduleId),
        moduleTitles: titlesOf(module),
        traineeId: String(r.personId),
        traineeName: names.get(String(r.personId)) ?? '',
        text: r.text,
        status: r.status as ReflectionInfo['status'],
        feedback: r.feedback ?? null,
        submittedAt: r.submittedAt.toISOString(),
        reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null,
      },
    ];
  });
}
