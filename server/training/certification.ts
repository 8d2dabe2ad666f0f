// Certification: the supervising trainer signs a trainee off once every required published
// module is passed; the certification is valid for a period and makes the person eligible to
// lead family groups (unless they are taking a break).
import type { Logger } from 'pino';
import { audit } from '../audit/audit.model.ts';
import { serialised } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import { RequestError } from '../errors.ts';
import { findEachById } from '../db/byIds.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { CERTIFICATION_MONTHS, type EligibleLead } from '../protocol/training.ts';
import { Application } from './application.model.ts';
import { Certification } from './certification.model.ts';
import { transition } from './pipeline.ts';
import { traineeProgress } from './programmeViews.ts';

export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

export interface SignOff {
  trainee: PersonDoc;
  byId: string;
  note: string;
  validMonths?: number | undefined;
  now: Date;
  log: Logger;
}

export function certify({ trainee, byId, note, validMonths, now, log }: SignOff): Promise<void> {
  const personId = String(trainee._id);
  return serialised(`certify:${personId}`, async () => {
    const [progress] = await traineeProgress([trainee], now);
    if (!progress?.readyForSignOff) throw new RequestError('training.requiredModulesMissing', 409);
    const validUntil = addMonths(now, validMonths ?? CERTIFICATION_MONTHS);
    await Certification.create({
      personId,
      signedOffById: byId,
      certifiedAt: now,
      validUntil,
      note,
      modulesPassed: progress.modules.filter((m) => m.status === 'passed').map((m) => m.moduleId),
    });
    await audit('training.certified', byId, personId, { validUntil: validUntil.toISOString() });
    await advanceApplication(trainee, byId, now, log);
  });
}

/** A volunteer recruited through the pipeline moves on from "in training" to "certified". */
async function advanceApplication(trainee: PersonDoc, byId: string, now: Date, log: Logger) {
  const application = await Application.findOne(
    { email: trainee.email, status: 'inTraining' },
    { _id: 1 },
  ).lean();
  if (!application) return;
  try {
    await transition(
      String(application._id),
      byId,
      { to: 'certified', reason: '', reasonCode: 'signedOff' },
      now,
    );
  } catch (error) {
    // Moved by a coordinator at the same moment: the certification stands either way.
    if (!(error instanceof RequestError)) throw error;
    log.warn({ code: error.code }, 'application not moved to certified');
  }
}

/** Facilitators a coordinator may make lead now: validly certified and not on a break. */
export async function eligibleLeads(now: Date): Promise<EligibleLead[]> {
  const certifications = await Certification.find(
    { validUntil: op({ $gt: now }) },
    { personId: 1, validUntil: 1 },
  ).lean();
  const until = new Map<string, Date>();
  for (const c of certifications) {
    const id = String(c.personId);
    const known = until.get(id);
    if (!known || c.validUntil > known) until.set(id, c.validUntil);
  }
  const people = await findEachById<PersonDoc>(Person, [...until.keys()], {
    displayName: 1,
    languagesSpoken: 1,
    pause: 1,
    roles: 1,
  });
  return people
    .filter((p) => p.roles.includes('facilitator') && !p.pause?.since)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fi'))
    .map((p) => ({
      id: String(p._id),
      displayName: p.displayName,
      languagesSpoken: p.languagesSpoken,
      certifiedUntil: until.get(String(p._id))!.toISOString(),
    }));
}
