// The module editor's state: strings where inputs hold strings, and the quiz's and reflection's
// texts kept per content language (each language of the module gives every text). Turned into
// a ModuleInput body (which the shared schema then checks) only on save.
import type { LanguageCode } from '../../../../server/protocol/languages.ts';
import type {
  LocalizedShort,
  ModuleEdit,
  ModuleInput,
} from '../../../../server/protocol/training.ts';

export type Texts = Partial<Record<LanguageCode, string>>;

export interface ContentState {
  lang: LanguageCode;
  title: string;
  body: string;
}

export interface OptionState {
  id: string;
  text: Texts;
}

export interface QuestionState {
  id: string;
  prompt: Texts;
  options: OptionState[];
  correct: string[];
}

export interface ModuleFormState {
  order: string;
  required: boolean;
  published: boolean;
  content: ContentState[];
  hasQuiz: boolean;
  passMark: string;
  maxAttempts: string;
  questions: QuestionState[];
  hasReflection: boolean;
  reflectionPrompt: Texts;
}

/** An id not yet among `taken`: prefix1, prefix2, … (the schema's ids are short and plain). */
export function freshId(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n += 1) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function newQuestion(taken: readonly string[]): QuestionState {
  return {
    id: freshId('q', taken),
    prompt: {},
    options: [
      { id: 'o1', text: {} },
      { id: 'o2', text: {} },
    ],
    correct: [],
  };
}

export function emptyModule(language: LanguageCode, order: number): ModuleFormState {
  return {
    order: String(order),
    required: true,
    published: false,
    content: [{ lang: language, title: '', body: '' }],
    hasQuiz: false,
    passMark: '80',
    maxAttempts: '3',
    questions: [newQuestion([])],
    hasReflection: false,
    reflectionPrompt: {},
  };
}

const textsFrom = (list: readonly LocalizedShort[]): Texts =>
  Object.fromEntries(list.map((t) => [t.lang, t.text]));

export function formFromModule(module: ModuleEdit): ModuleFormState {
  const quiz = module.quiz;
  return {
    order: String(module.order),
    required: module.required,
    published: module.published,
    content: module.content.map((c) => ({ lang: c.lang, title: c.title, body: c.body })),
    hasQuiz: quiz !== null && quiz !== undefined,
    passMark: String(quiz?.passMark ?? 80),
    maxAttempts: String(quiz?.maxAttempts ?? 3),
    questions: quiz
      ? quiz.questions.map((q) => ({
          id: q.id,
          prompt: textsFrom(q.prompt),
          options: q.options.map((o) => ({ id: o.id, text: textsFrom(o.text) })),
          correct: [...q.correct],
        }))
      : [newQuestion([])],
    hasReflection: !!module.reflection,
    reflectionPrompt: module.reflection ? textsFrom(module.reflection.prompt) : {},
  };
}

/** The module's languages, in the order of its content rows. */
export function moduleLanguages(state: ModuleFormState): LanguageCode[] {
  return [...new Set(state.content.map((c) => c.lang))];
}

/** "" stays "" (the schema then says "required"); anything else becomes a number. */
const num = (text: string): number => (text.trim() === '' ? '' : Number(text)) as number;

export function bodyFrom(state: ModuleFormState): ModuleInput {
  const languages = moduleLanguages(state);
  const localized = (texts: Texts) =>
    languages.map((lang) => ({ lang, text: (texts[lang] ?? '').trim() }));
  return {
    order: num(state.order),
    required: state.required,
    published: state.published,
    content: state.content,
    quiz: state.hasQuiz
      ? {
          passMark: num(state.passMark),
          maxAttempts: num(state.maxAttempts),
          questions: state.questions.map((q) => ({
            id: q.id,
            prompt: localized(q.prompt),
            options: q.options.map((o) => ({ id: o.id, text: localized(o.text) })),
            correct: q.correct.filter((id) => q.options.some((o) => o.id === id)),
          })),
        }
      : null,
    reflection: state.hasReflection ? { prompt: localized(state.reflectionPrompt) } : null,
  };
}
