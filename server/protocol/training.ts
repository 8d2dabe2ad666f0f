// The facilitator pathway, shared by server and client. Recruitment first: a public volunteer
// application, then a coordinator's pipeline where only the transitions below are possible.
//
// POST /api/volunteer-applications                    → 201 { id } (anyone; confirmation email)
// GET  /api/recruitment?status                         → ApplicationInfo[] (coordinator)
// GET  /api/recruitment/:id                            → ApplicationInfo (coordinator)
// POST /api/recruitment/:id/transition                 → ApplicationInfo (coordinator; booking an
//                                                        interview creates its video meeting and
//                                                        emails the applicant a personal link)
// GET  /api/interviews/:token                          → InterviewInfo (anyone with the link)
// POST /api/interviews/enter             interviewEnter → InterviewEntry (anyone with the link: a
//                                                        pure applicant account is signed in; an
//                                                        account with a password signs in first)
import { z } from 'zod';
import { spokenLanguage } from './api.ts';
import { REGIONS } from './groups.ts';
import { languages, type LanguageCode } from './languages.ts';

export const PIPELINE_STATUSES = [
  'applied',
  'interviewBooked',
  'interviewed',
  'accepted',
  'declined',
  'inTraining',
  'certified',
  'active',
  'paused',
  'ended',
] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/**
 * Why the system itself moved an application (the reader's language says it: recruitment
 * `detail.reasonCode.*`); a coordinator's reason is their own words, in `reason`.
 */
export const PIPELINE_REASON_CODES = ['pausedByThemself', 'backFromPause', 'signedOff'] as const;
export type PipelineReasonCode = (typeof PIPELINE_REASON_CODES)[number];

/** Steps stored before the codes carried these words in English; they read as the code. */
export const LEGACY_PIPELINE_REASONS: Readonly<Record<string, PipelineReasonCode>> = {
  'paused by themself': 'pausedByThemself',
  'back from their pause': 'backFromPause',
  'signed off': 'signedOff',
};

/**
 * Where each status may go. `paused` returns only to where it was paused from (checked with the
 * history); `declined` and `ended` are final.
 */
export const PIPELINE: Record<PipelineStatus, readonly PipelineStatus[]> = {
  applied: ['interviewBooked', 'declined'],
  // A booking can be cancelled (back to applied) or the interview held.
  interviewBooked: ['interviewed', 'applied', 'declined'],
  interviewed: ['accepted', 'declined'],
  accepted: ['inTraining', 'ended'],
  declined: [],
  inTraining: ['certified', 'paused', 'ended'],
  certified: ['active', 'paused', 'ended'],
  active: ['paused', 'ended'],
  paused: ['inTraining', 'certified', 'active', 'ended'],
  ended: [],
};

/** Transitions that must say why (kept with who and when for every transition). */
export const REASON_REQUIRED: readonly PipelineStatus[] = ['declined', 'paused', 'ended'];

export const trainingSchemas = {
  application: z
    .object({
      name: z.string().trim().min(1).max(80),
      email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
      phone: z
        .string()
        .trim()
        .regex(/^[+0-9 ()-]{5,20}$/)
        .optional(),
      languagesSpoken: z.array(spokenLanguage).min(1).max(12),
      region: z.enum(REGIONS),
      motivation: z.string().trim().min(20).max(2000),
      availability: z.string().trim().min(2).max(500),
      /** The language we write to them in. */
      language: z.enum(languages.map((l) => l.code) as [LanguageCode, ...LanguageCode[]]),
      consent: z.literal(true),
    })
    .strict(),
  transition: z
    .object({
      to: z.enum(PIPELINE_STATUSES),
      reason: z.string().trim().max(1000).default(''),
      /** With `interviewBooked`: when the interview is (an ISO instant in the future). */
      interviewAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
  listQuery: z.object({ status: z.enum(PIPELINE_STATUSES).optional() }).strict(),
  interviewEnter: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) }).strict(),
} as const;

export type ApplicationInput = z.input<typeof trainingSchemas.application>;
export type TransitionInput = z.input<typeof trainingSchemas.transition>;

export interface PipelineStep {
  from: PipelineStatus | null;
  to: PipelineStatus;
  byName: string | null;
  at: string;
  /** A coordinator's own words (empty when the system moved it: see `reasonCode`). */
  reason: string;
  reasonCode: PipelineReasonCode | null;
}

export interface ApplicationInfo {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  languagesSpoken: string[];
  region: (typeof REGIONS)[number];
  motivation: string;
  availability: string;
  language: LanguageCode;
  status: PipelineStatus;
  interviewAt: string | null;
  /** The booked interview's live session (while booked), for the coordinator to join. */
  interviewSessionId: string | null;
  /** Where it may go next (what the coordinator's buttons offer). */
  next: PipelineStatus[];
  history: PipelineStep[];
  createdAt: string;
}

/** What the applicant's interview page shows before they enter. */
export interface InterviewInfo {
  name: string;
  startsAt: string;
  endsAt: string;
}

export interface InterviewEntry {
  /** The live session to open: /sessions/<sessionId>. */
  sessionId: string;
}

// ---------------------------------------------------------------------------------------------
// The training programme. Modules in order, content in several languages (Markdown: images and
// video links allowed, rendered as text + links, never raw HTML), an optional multiple-choice quiz
// (auto-graded, pass mark, a number of attempts) and an optional reflection the trainer reviews.
// A trainee is a person with the facilitator role and no valid certification.
//
// GET  /api/training/modules                           → ModuleSummary[] (facilitator: published,
//                                                        with my progress; trainer/coordinator: all)
// GET  /api/training/modules/:id                       → ModuleView (quiz without the answers)
// GET  /api/training/modules/:id/edit                  → ModuleEdit (trainer, coordinator)
// POST /api/training/modules             moduleInput   → 201 ModuleEdit (trainer, coordinator)
// PUT  /api/training/modules/:id         moduleInput   → ModuleEdit (trainer, coordinator)
// POST /api/training/modules/:id/read                  → ModuleProgress (facilitator: content read)
// POST /api/training/modules/:id/quiz    quizAnswers   → QuizResult (facilitator)
// PUT  /api/training/modules/:id/reflection reflection → ModuleProgress (facilitator; not once accepted)
// GET  /api/training/reflections                       → ReflectionInfo[] (trainer: waiting ones of
//                                                        the trainees they supervise; coordinator: all)
// POST /api/training/reflections/:id/review  reflectionReview → ReflectionInfo (the supervising trainer)
// GET  /api/training/progress                          → TraineeProgress (me)
// GET  /api/training/trainees                          → TraineeProgress[] (trainer: supervised; coordinator: all)
// GET  /api/training/trainees/:personId                → TraineeProgress (trainer who supervises, coordinator)
// POST /api/training/trainees/:personId/certify  certify → TraineeProgress (supervising trainer;
//                                                        409 training.requiredModulesMissing otherwise)
// POST /api/training/trainees/:personId/modules/:moduleId/extra-attempt → TraineeProgress
//                                                        (supervising trainer: one more quiz attempt)
// GET  /api/training/eligible-leads                    → EligibleLead[] (coordinator: certified,
//                                                        not paused facilitators)

/** Certifications last this long unless the trainer says otherwise; a refresher reminder before. */
export const CERTIFICATION_MONTHS = 24;
export const REFRESHER_REMINDER_DAYS = 60;

const moduleText = z.string().trim().min(1).max(20_000);
const shortText = z.string().trim().min(1).max(500);
/** Content languages are the UI languages. */
const uiLanguage = z.enum(languages.map((l) => l.code) as [LanguageCode, ...LanguageCode[]]);
const localizedShort = z
  .array(z.object({ lang: uiLanguage, text: shortText }).strict())
  .min(1)
  .max(languages.length);
const localId = z.string().regex(/^[a-z0-9-]{1,24}$/);

export const programmeSchemas = {
  moduleInput: z
    .object({
      /** Position in the programme (1 = first); modules are listed in this order. */
      order: z.number().int().min(1).max(999),
      required: z.boolean(),
      published: z.boolean(),
      content: z
        .array(z.object({ lang: uiLanguage, title: shortText, body: moduleText }).strict())
        .min(1)
        .max(languages.length),
      quiz: z
        .object({
          /** Percent of questions right needed to pass. */
          passMark: z.number().int().min(1).max(100),
          /** Attempts allowed in all (retries = maxAttempts − 1). */
          maxAttempts: z.number().int().min(1).max(10),
          questions: z
            .array(
              z
                .object({
                  id: localId,
                  prompt: localizedShort,
                  options: z
                    .array(z.object({ id: localId, text: localizedShort }).strict())
                    .min(2)
                    .max(8),
                  /** One or more right options; a question is right when exactly these are chosen. */
                  correct: z.array(localId).min(1).max(8),
                })
                .strict(),
            )
            .min(1)
            .max(30),
        })
        .strict()
        .nullable(),
      reflection: z.object({ prompt: localizedShort }).strict().nullable(),
    })
    .strict(),
  quizAnswers: z
    .object({
      answers: z
        .array(z.object({ questionId: localId, optionIds: z.array(localId).max(8) }).strict())
        .max(30),
    })
    .strict(),
  reflection: z.object({ text: z.string().trim().min(20).max(5000) }).strict(),
  reflectionReview: z
    .object({
      /** Accepted, or sent back to revise. */
      accepted: z.boolean(),
      feedback: z.string().trim().min(1).max(3000),
    })
    .strict(),
  certify: z
    .object({
      note: z.string().trim().max(1000).default(''),
      /** Defaults to CERTIFICATION_MONTHS. */
      validMonths: z.number().int().min(1).max(60).optional(),
    })
    .strict(),
} as const;

export type ModuleInput = z.input<typeof programmeSchemas.moduleInput>;
export type QuizAnswersInput = z.input<typeof programmeSchemas.quizAnswers>;

export type ModuleStatus =
  | 'notStarted'
  | 'inProgress'
  /** The reflection waits for the trainer. */
  | 'waitingReview'
  /** Every attempt used without passing: the supervising trainer can grant another. */
  | 'failed'
  | 'passed';

export interface ModuleProgress {
  moduleId: string;
  status: ModuleStatus;
  read: boolean;
  quiz: {
    attemptsUsed: number;
    attemptsLeft: number;
    bestScore: number | null;
    passed: boolean;
  } | null;
  reflection: {
    text: string;
    status: 'submitted' | 'accepted' | 'revise';
    feedback: string | null;
    feedbackByName: string | null;
    submittedAt: string;
    reviewedAt: string | null;
  } | null;
}

export interface LocalizedShort {
  lang: LanguageCode;
  text: string;
}

export interface ModuleSummary {
  id: string;
  order: number;
  required: boolean;
  published: boolean;
  titles: LocalizedShort[];
  hasQuiz: boolean;
  hasReflection: boolean;
  /** For a facilitator: where they are; null for staff. */
  progress: ModuleProgress | null;
}

export interface ModuleView extends ModuleSummary {
  content: { lang: LanguageCode; title: string; body: string }[];
  quiz: {
    passMark: number;
    maxAttempts: number;
    questions: {
      id: string;
      prompt: LocalizedShort[];
      options: { id: string; text: LocalizedShort[] }[];
      multiple: boolean;
    }[];
  } | null;
  reflection: { prompt: LocalizedShort[] } | null;
}

export type ModuleEdit = ModuleInput & { id: string; updatedAt: string };

export interface QuizResult {
  /** Percent of questions right. */
  score: number;
  passed: boolean;
  passMark: number;
  attemptsLeft: number;
  /** Which questions were right (not which options are: retries would be trivial). */
  questions: { questionId: string; correct: boolean }[];
  progress: ModuleProgress;
}

export interface ReflectionInfo {
  id: string;
  moduleId: string;
  moduleTitles: LocalizedShort[];
  traineeId: string;
  traineeName: string;
  text: string;
  status: 'submitted' | 'accepted' | 'revise';
  feedback: string | null;
  submittedAt: string;
  reviewedAt: string | null;
}

export interface CertificationInfo {
  certifiedAt: string;
  validUntil: string;
  signedOffByName: string;
  note: string;
  /** validUntil is in the future. */
  valid: boolean;
}

export interface TraineeProgress {
  personId: string;
  displayName: string;
  supervisorId: string | null;
  modules: (ModuleProgress & { order: number; required: boolean; titles: LocalizedShort[] })[];
  requiredPassed: number;
  requiredTotal: number;
  /** Every required module passed: the trainer may sign off. */
  readyForSignOff: boolean;
  certification: CertificationInfo | null;
  paused: boolean;
}

export interface EligibleLead {
  id: string;
  displayName: string;
  languagesSpoken: string[];
  certifiedUntil: string;
}
