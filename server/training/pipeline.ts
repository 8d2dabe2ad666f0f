// The recruitment pipeline's rules: which transitions are possible from where, and applying one
// so that two coordinators clicking at once cannot both move the same application.
import { Types } from 'mongoose';
import { serialised } from '../db/claims.ts';
import { RequestError } from '../errors.ts';
import {
  PIPELINE,
  REASON_REQUIRED,
  type PipelineReasonCode,
  type PipelineStatus,
  type TransitionInput,
} from '../protocol/training.ts';
import { Application, type ApplicationDoc } from './application.model.ts';

/** Where an application may go next; a paused one only back to where it was, or out. */
export function nextStatuses(application: Pick<ApplicationDoc, 'status' | 'history'>) {
  const status = application.status as PipelineStatus;
  if (status !== 'paused') return [...PIPELINE[status]];
  const pausedFrom = application.history.findLast((step) => step.to === 'paused')?.from;
  return PIPELINE.paused.filter((s) => s === 'ended' || s === pausedFrom);
}

/** A transition whose fields the route has checked (reason given where required, etc.). */
export interface Transition {
  to: PipelineStatus;
  reason: string;
  /** When the system moves it (never from a request). */
  reasonCode?: PipelineReasonCode;
  interviewAt?: Date;
}

/** What a transition needs besides being allowed: field name → error key, if anything. */
export function missingFields(change: TransitionInput, now = new Date()): Record<string, string> {
  const missing: Record<string, string> = {};
  if (REASON_REQUIRED.includes(change.to) && !change.reason?.trim())
    missing.reason = 'field.required';
  if (
    change.to === 'interviewBooked' &&
    !(change.interviewAt && new Date(change.interviewAt) > now)
  )
    missing.interviewAt = 'field.futureTime';
  return missing;
}

export function transition(
  applicationId: string,
  byId: string,
  change: Transition,
  now = new Date(),
): Promise<ApplicationDoc> {
  // Updates are not atomic on this database: one writer per application in this process, and
  // the update itself only applies if the status is still the one we checked.
  return serialised(`application:${applicationId}`, async () => {
    const application = await Application.findById(applicationId).lean();
    if (!application) throw new RequestError('notFound', 404);
    const from = application.status as PipelineStatus;
    if (!nextStatuses(application).includes(change.to)) {
      throw new RequestError('recruitment.invalidTransition', 409);
    }
    let interviewAt: Date | null = application.interviewAt ?? null;
    if (change.to === 'interviewBooked') interviewAt = change.interviewAt ?? null;
    if (change.to === 'applied') interviewAt = null;
    const step = {
      from,
      to: change.to,
      byId: new Types.ObjectId(byId),
      at: now,
      reason: change.reason,
      reasonCode: change.reasonCode ?? null,
    };
    const result = await Application.updateOne(
      { _id: application._id, status: from },
      { status: change.to, interviewAt, history: [...application.history, step] },
    );
    if (result.modifiedCount !== 1) throw new RequestError('recruitment.changedMeanwhile', 409);
    return (await Application.findById(application._id).lean())!;
  });
}
