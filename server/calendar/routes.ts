// Calendar: my private feed (subscribe once, stays current) and a download per group.
import type { Response } from 'express';
import type { FeatureDeps } from '../deps.ts';
import { appLink } from '../deps.ts';
import { notFound } from '../errors.ts';
import { linkedGroupIds } from '../groups/memberships.ts';
import { findByIds } from '../db/byIds.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { visibleGroup } from '../groups/routes.ts';
import { newToken } from '../auth/tokens.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { sessionsOfGroup } from '../sessions/sessionIndex.ts';
import { personOfFeed, setFeedToken } from './feedToken.ts';
import { calendarOf } from './ics.ts';

function sendCalendar(res: Response, ics: string, filename: string): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.send(ics);
}

export function calendarRoutes(api: ApiRouter, deps: FeatureDeps): void {
  const feedUrl = (token: string) => appLink(deps.config, `/api/calendar/${token}.ics`);

  api.get('/me/calendar', { action: 'calendar.manage' }, async ({ actor }) => {
    const me = signedIn(actor);
    const person = await Person.findById(me.personId, { calendarToken: 1 }).lean();
    let token = person?.calendarToken;
    if (!token) {
      token = newToken(24);
      await setFeedToken(me.personId, token, null);
    }
    return { url: feedUrl(token) };
  });

  api.post('/me/calendar', { action: 'calendar.manage' }, async ({ actor }) => {
    const me = signedIn(actor);
    const person = await Person.findById(me.personId, { calendarToken: 1 }).lean();
    const token = newToken(24);
    await setFeedToken(me.personId, token, person?.calendarToken);
    return { url: feedUrl(token) };
  });

  api.get('/calendar/:file', { action: 'calendar.subscribe' }, async ({ params, res }) => {
    const token = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(params.file ?? '')?.[1];
    const person = token ? await personOfFeed(token) : null;
    if (!person) throw notFound();
    const { confirmed, lead, co } = await linkedGroupIds(String(person._id));
    const groups = await findByIds<GroupDoc>(Group, [...confirmed, ...lead, ...co]);
    const entries = await Promise.all(
      groups.map(async (group) => ({ group, sessions: await sessionsOfGroup(group._id) })),
    );
    sendCalendar(
      res,
      calendarOf('Rinnalla', entries, person.language as LanguageCode, deps.config.publicUrl),
      'rinnalla.ics',
    );
    return undefined;
  });

  api.get(
    '/groups/:id/calendar.ics',
    { action: 'group.browse' },
    async ({ actor, params, res }) => {
      const group = await visibleGroup(params.id, actor);
      const sessions = await sessionsOfGroup(group._id);
      sendCalendar(
        res,
        calendarOf('Rinnalla', [{ group, sessions }], actor.lang, deps.config.publicUrl),
        'rinnalla-group.ics',
      );
      return undefined;
    },
  );
}
