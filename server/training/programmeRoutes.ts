// The training programme's routes (see protocol/training.ts): modules and learning in
// moduleRoutes.ts, trainees, reviews and certification in traineeRoutes.ts.
import type { FeatureDeps } from '../deps.ts';
import type { ApiRouter } from '../http/api.ts';
import type { Clock } from '../reminders/runner.ts';
import { moduleRoutes } from './moduleRoutes.ts';
import { traineeRoutes } from './traineeRoutes.ts';

export function programmeRoutes(api: ApiRouter, deps: FeatureDeps, clock: Clock): void {
  moduleRoutes(api, clock);
  traineeRoutes(api, clock, deps.log);
}
