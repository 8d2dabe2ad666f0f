// Recruitment: anyone may apply to volunteer; coordinators move applications through the
// pipeline (see protocol/training.ts) and every step is kept with who, when and why.
import { findByIds } from '../db/byIds.ts';
import type { RequestHandler } from 'express';
import { isValidObjectId } from 'mongoose';
import { signedIn, type ApiRouter } from '../http/api.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { serialised } from '../db/claims.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import {
  trainingSchemas,
  LEGACY_PIPELINE_REASONS,
  type ApplicationInfo,
  type PipelineReasonCode,
  type PipelineStatus,
} from '../protocol/training.ts';
import { Application, type ApplicationDoc } from './application.model.ts';
import { bookInterview, cancelInterview } from './interview.ts';
import { missingFields, nextStatuses, transition } from './pipeline.ts';

/** A step's reason: a system code, or a coordinator's words (old English system words as codes). */
function stepReason(s: { reason?: string | null; reasonCode?: string | null }) {
  const legacy = LEGACY_PIPELINE_REASONS[s.reason ?? ''];
  if (s.reasonCode || legacy)
    return { reason: '', reasonCode: (s.reasonCode as PipelineReasonCode | null) ?? legacy! };
  return { reason: s.reason ?? '', reasonCode: null };
}

async function toInfo(applications: ApplicationDoc[]): Promise<ApplicationInfo[]> {
  const ids = applications.flatMap((a) => a.history.map((s) => s.byId)).filter(Boolean);
  const people = await findByIds<PersonDoc>(Person, ids, { displayName: 1 });
  const names = new Map(people.map((p) => [String(p._id), p.displayName]));
  return applications.map((a) => ({
    id: String(a._id),
    name: a.name,
    email: a.email,
    phone: a.phone ?? null,
    languagesSpoken: a.languagesSpoken,
    region: a.region as ApplicationInfo['region'],
    motivation: a.motivation,
    availability: a.availability,
    language: a.language as LanguageCode,
    status: a.status as PipelineStatus,
    interviewAt: a.interviewAt ? a.interviewAt.toISOString() : null,
    interviewSessionId: a.interviewSessionId ? String(a.interviewSessionId) : null,
    next: nextStatuses(a),
    history: a.history.map((s) => ({
      from: (s.from as PipelineStatus | null) ?? null,
      to: s.to as PipelineStatus,
      byName: s.byId ? (names.get(String(s.byId)) ?? null) : null,
      at: s.at.toISOString(),
      ...stepReason(s),
    })),
    createdAt: a.createdAt.toISOString(),
  }));
}

async function findApplication(id: string | undefined) {
  const application = id && isValidObjectId(id) ? await Application.findById(id).lean() : null;
  if (!application) throw notFound();
  return application;
}

export function recruitmentRoutes(
  api: ApiRouter,
  deps: FeatureDeps,
  publicLimit: RequestHandler,
): void {
  const { mailer } = deps;

  api.post(
    '/volunteer-applications',
    {
      action: 'recruitment.apply',
      body: trainingSchemas.application,
      status: 201,
      limits: [publicLimit],
    },
    async ({ body }) => {
      const now = new Date();
      const { consent: _consent, ...fields } = body;
      const application = await Application.create({
        ...fields,
        consentAt: now,
        status: 'applied',
        history: [{ from: null, to: 'applied', byId: null, at: now, reason: '' }],
      });
      // Fixed text only: anyone can send this form with anyone's address, so nothing they typed
      // (name, motivation…) may reach that inbox.
      await mailer.queue({ to: body.email, lang: body.language, template: 'applicationReceived' });
      return { id: String(application._id) };
    },
  );

  api.get(
    '/recruitment',
    { action: 'recruitment.manage', query: trainingSchemas.listQuery },
    async ({ query }) => {
      const applications = await Application.find(query.status ? { status: query.status } : {})
        .sort({ createdAt: -1 })
        .limit(500)
        .lean();
      return toInfo(applications);
    },
  );

  api.get('/recruitment/:id', { action: 'recruitment.manage' }, async ({ params }) => {
    const [info] = await toInfo([await findApplication(params.id)]);
    return info!;
  });

  api.post(
    '/recruitment/:id/transition',
    { action: 'recruitment.manage', body: trainingSchemas.transition },
    async ({ actor, params, body, t }) => {
      await findApplication(params.id);
      const missing = missingFields(body);
      if (Object.keys(missing).length > 0) {
        const fields = Object.fromEntries(Object.entries(missing).map(([k, key]) => [k, t(key)]));
        throw new RequestError('invalid', 400, fields);
      }
      const id = String(params.id);
      const byId = signedIn(actor).personId;
      // The step and its meeting together, one after another per application.
      const changed = await serialised(`recruitment-step:${id}`, async () => {
        const now = new Date();
        const moved = await transition(id, byId, {
          to: body.to,
          reason: body.reason,
          ...(body.interviewAt ? { interviewAt: new Date(body.interviewAt) } : {}),
        });
        // Cancelled or declined while booked: the meeting goes; a new booking makes a new one.
        const from = moved.history.at(-1)?.from;
        if (from === 'interviewBooked' && (body.to === 'applied' || body.to === 'declined')) {
          await cancelInterview(moved._id, now);
        }
        if (body.to === 'interviewBooked') return bookInterview(moved, byId, deps, now);
        return (await Application.findById(moved._id).lean())!;
      });
      if (body.to === 'declined') {
        // A kind word in the applicant's own language; the coordinator's reason stays internal.
        await mailer.queue({
          to: changed.email,
          lang: changed.language as LanguageCode,
          template: 'applicationDeclined', // no name: the public form's text stays out of email
        });
      }
      const [info] = await toInfo([changed]);
      return info!;
    },
  );
}
