// My reminder times and my in-app notifications.
import { findByIds } from '../db/byIds.ts';
import { linkedGroupIds } from '../groups/memberships.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person } from '../people/person.model.ts';
import {
  groupSchemas,
  type NotificationInfo,
  type ReminderPreferences,
} from '../protocol/groups.ts';
import { GroupSession, type GroupSessionDoc } from '../sessions/groupSession.model.ts';
import { inboxOf, Notification } from './notification.model.ts';
import { DEFAULT_REMINDER_OFFSETS, offsetsOf, replanPerson } from './planning.ts';
import { systemClock, type Clock } from './runner.ts';
import { noticeText } from './texts.ts';

export function reminderRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get(
    '/me/reminders',
    { action: 'reminders.manage' },
    async ({ actor }): Promise<ReminderPreferences> => {
      const person = await Person.findById(signedIn(actor).personId, { reminders: 1 }).lean();
      return {
        offsetsMinutes: person?.reminders?.offsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
        email: person?.reminders?.email ?? true,
      };
    },
  );

  api.put(
    '/me/reminders',
    { action: 'reminders.manage', body: groupSchemas.reminderPreferences },
    async ({ actor, body }) => {
      const me = signedIn(actor);
      const offsetsMinutes = [...new Set(body.offsetsMinutes)].sort((a, b) => b - a);
      const previous = await offsetsOf(me.personId);
      await Person.updateOne(
        { _id: me.personId },
        { reminders: { offsetsMinutes, email: body.email } },
      );
      const { confirmed } = await linkedGroupIds(me.personId);
      await replanPerson(me.personId, confirmed, previous, clock.now());
      return { offsetsMinutes, email: body.email };
    },
  );

  api.get(
    '/notifications',
    { action: 'reminders.manage' },
    async ({ actor }): Promise<NotificationInfo[]> => {
      // The inbox list and what it names, read by key (the bell asks on every page change).
      const notifications = (await inboxOf(signedIn(actor).personId)).sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      );
      const [groupList, sessionList] = await Promise.all([
        findByIds<GroupDoc>(
          Group,
          notifications.map((n) => n.groupId),
          { title: 1 },
        ),
        findByIds<GroupSessionDoc>(
          GroupSession,
          notifications.map((n) => n.sessionId),
        ),
      ]);
      const groups = new Map(groupList.map((g) => [String(g._id), g]));
      const sessions = new Map(sessionList.map((s) => [String(s._id), s]));
      return notifications.flatMap((n) => {
        // A notice about a group that is gone is dropped; one about no group has no title.
        const group = n.groupId ? groups.get(String(n.groupId)) : { _id: null, title: [] };
        if (!group) return [];
        const params = (n.params ?? {}) as Record<string, string>;
        const session = n.sessionId ? (sessions.get(String(n.sessionId)) ?? null) : null;
        return [
          {
            id: String(n._id),
            kind: n.kind as NotificationInfo['kind'],
            groupId: n.groupId ? String(n.groupId) : null,
            sessionId: n.sessionId ? String(n.sessionId) : null,
            link: params.link ?? `/groups/${String(n.groupId)}`,
            text: noticeText(n.kind, actor.lang, group, session, params),
            createdAt: n.createdAt.toISOString(),
            readAt: n.readAt ? n.readAt.toISOString() : null,
          },
        ];
      });
    },
  );

  api.post('/notifications/read', { action: 'reminders.manage' }, async ({ actor }) => {
    const unread = (await inboxOf(signedIn(actor).personId)).filter((n) => !n.readAt);
    const readAt = clock.now();
    await Promise.all(unread.map((n) => Notification.updateOne({ _id: n._id }, { readAt })));
  });
}
