// Supervision of volunteer facilitators (protocol/supervision.ts): session reports and the
// trainer's feedback, safeguarding alerts, the trainer's dashboard, the coordinator's view of
// who has had no contact, and facilitators pausing themselves.
import type { FeatureDeps } from '../deps.ts';
import type { ApiRouter } from '../http/api.ts';
import { alertRoutes } from './alertRoutes.ts';
import { contactRoutes } from './contact.ts';
import type { SupervisionContext } from './context.ts';
import { dashboardRoutes } from './dashboard.ts';
import { pauseRoutes } from './pauseRoutes.ts';
import { reportRoutes } from './reportRoutes.ts';

export type { SupervisionContext };

export function supervisionRoutes(
  api: ApiRouter,
  deps: FeatureDeps,
  ctx: SupervisionContext,
): void {
  reportRoutes(api, deps, ctx);
  alertRoutes(api, ctx);
  dashboardRoutes(api, ctx);
  contactRoutes(api, ctx);
  pauseRoutes(api, deps, ctx);
}
