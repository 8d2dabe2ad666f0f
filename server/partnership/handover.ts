// When a partner's contact person leaves (partners/succession.ts), their successor takes over
// what they held at partnership tables: their open action items (each remembers who had it) and
// their seats at the tables.
import { findByIds } from '../db/byIds.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { linkedGroupIds, rosterOf } from '../groups/memberships.ts';
import { setMembers } from '../meetings/meetings.ts';
import { registerHandover } from '../partners/succession.ts';
import { ActionItem } from './models.ts';

registerHandover({
  name: 'actionItems',
  async run(_organisationId, fromId, toId) {
    // A partner worker speaks for one organisation: all their open items are its business.
    const open = await ActionItem.find({ ownerId: fromId, status: 'open' }, { _id: 1 }).lean();
    for (const item of open)
      await ActionItem.updateOne({ _id: item._id }, { ownerId: toId, handedOverFrom: fromId });
    return open.length;
  },
});

registerHandover({
  name: 'tableMemberships',
  async run(_organisationId, fromId, toId) {
    const { confirmed } = await linkedGroupIds(fromId);
    const tables = (await findByIds<GroupDoc>(Group, confirmed, { kind: 1, status: 1 })).filter(
      (g) => g.kind === 'partnership' && g.status !== 'ended',
    );
    for (const table of tables) {
      const members = (await rosterOf(table._id)).active
        .filter((e) => e.status === 'confirmed')
        .map((e) => String(e.personId));
      const next = [...new Set([...members.filter((id) => id !== fromId), toId])];
      await setMembers(String(table._id), next, new Date());
    }
    return tables.length;
  },
});
