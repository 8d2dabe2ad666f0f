// The facilitator pathway, shared by server and client. Recruitment first: a public volunteer
// application, then a coordinator's pipeline where only the transitions below are possible.
//
// POST /api/volunteer-applications                    → 201 { id } (anyone; confirmation email)
// GET  /api/recruitment?status                         → ApplicationInfo[] (coordinator)
// GET  /api/recruitment/:id                            → ApplicationInfo (coordinator)
// POST /api/recruitment/:id/transition                 → ApplicationInfo (coordinator)
import { z } from 'zod';
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

const languageCode = z.string().regex(/^[a-z]{2,3}$/);

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
      languagesSpoken: z.array(languageCode).min(1).max(12),
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
} as const;

export type ApplicationInput = z.input<typeof trainingSchemas.application>;
export type TransitionInput = z.input<typeof trainingSchemas.transition>;

export interface PipelineStep {
  from: PipelineStatus | null;
  to: PipelineStatus;
  byName: string | null;
  at: string;
  reason: string;
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
  /** Where it may go next (what the coordinator's buttons offer). */
  next: PipelineStatus[];
  history: PipelineStep[];
  createdAt: string;
}
