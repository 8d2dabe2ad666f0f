// The shape every group that is not a family group shares (meetings, interviews, partnership
// tables): invitation-only, never in the catalogue, never observed, members admitted at once.
import type { ScheduleInput } from '../protocol/groups.ts';
import { timeOfDay } from './schedule.ts';

export function closedGroupFields(fields: {
  hostId: unknown;
  trainerId: unknown;
  capacity: number;
  schedule: ScheduleInput;
  rulesVersion: string;
}) {
  return {
    topics: ['wellbeing'],
    audience: 'parents',
    capacity: fields.capacity,
    leadFacilitatorId: fields.hostId,
    coFacilitatorId: null,
    trainerId: fields.trainerId,
    status: 'open',
    visibility: 'invitation',
    observationAllowed: false,
    requiresApproval: false,
    autoAdmit: true,
    schedule: fields.schedule,
    timeOfDay: timeOfDay(fields.schedule.startTime),
    searchText: '',
    rulesVersion: fields.rulesVersion,
  };
}
