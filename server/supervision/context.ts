// What supervision needs from the app besides the usual feature dependencies.
import type { LiveRegistry } from '../live/registry.ts';
import type { Clock } from '../reminders/runner.ts';

export interface SupervisionContext {
  clock: Clock;
  /** Read only: which sessions are live (in any process), with how many people. */
  live: Pick<LiveRegistry, 'participantCount'>;
}
