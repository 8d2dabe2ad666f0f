// Calendar: my private feed (subscribe once, stays current) and a download per group.
import type { Response } from 'express';
import { op } from '../db/operators.ts';
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
import { GroupSession } from '../sessions/groupSession.model.ts';
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
      await Person.updateOne({ _id: me.personId }, { calendarToken: token });
    }
    return { url: feedUrl(token) };
  });

  api.post('/me/calendar', { action: 'calendar.manage' }, async ({ actor }) => {
    const token = newToken(24);
    await Person.updateOne({ _id: signedIn(actor).personId }, { calendarToken: token });
    return { url: feedUrl(token) };
  });

  api.get('/calendar/:file', { action: 'calendar.subscribe' }, async ({ params, res }) => {
    const token = /^([A-Za-z0-9_-]{20,64})\.ics$/.exec(params.file ?? '')?.[1];
    const person = token ? await Person.findOne({ calendarToken: token }).lean() : null;
    if (!person) throw notFound();
    const { confirmed, lead, co } = await linkedGroupIds(String(person._id));
    const groups = await findByIds<GroupDoc>(Group, [...confirmed, ...lead, ...co]);
    const sessions = await GroupSession.find({ groupId: op({ $in: groups.map((g) => g._id) }) })
      .sort({ startsAt: 1 })
      .lean();
    const entries = groups.map((group) => ({
      group,
      sessions: sessions.filter((s) => String(s.groupId) === String(group._id)),
    }));
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
      const sessions = await GroupSession.find({ groupId: group._id }).sort({ startsAt: 1 }).lean();
      sendCalendar(
        res,
        calendarOf('Rinnalla', [{ group, sessions }], actor.lang, deps.config.publicUrl),
        'rinnalla-group.ics',
      );
      return undefined;
    },
  );
}
