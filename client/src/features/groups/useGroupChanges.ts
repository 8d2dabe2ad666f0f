// Pages that show a group re-read it when the server says it changed (a place freed, a session
// started or ended), over the app-wide connection: nobody has to reload to see where they stand.
import { useEffect, useRef } from 'react';
import type { GroupChange } from '../../../../server/protocol/groupEvents.ts';
import { request, type ClientSocket } from '../../lib/socketRequest.ts';
import { useChatClient } from '../chat/ChatProvider.tsx';

type Listener = (groupId: string, what: GroupChange | 'reconnected') => void;

/** The groups watched on one socket, asked for again after every reconnect. */
class GroupWatch {
  private readonly listeners = new Map<Listener, readonly string[]>();

  constructor(private readonly socket: ClientSocket) {
    socket.on('group:changed', ({ groupId, what }) => {
      for (const [listener, ids] of this.listeners)
        if (ids.includes(groupId)) listener(groupId, what);
    });
    // Rooms are gone after a reconnect or a change of access; what changed meanwhile is re-read.
    const again = () => {
      void this.watch(this.watched());
      for (const [listener, ids] of this.listeners)
        for (const id of ids) listener(id, 'reconnected');
    };
    socket.on('connect', () => {
      if (socket.recovered) return;
      again();
    });
    socket.on('access:revoked', again);
  }

  add(groupIds: readonly string[], listener: Listener): () => void {
    this.listeners.set(listener, groupIds);
    void this.watch(groupIds);
    return () => this.listeners.delete(listener);
  }

  private watched(): string[] {
    return [...new Set([...this.listeners.values()].flat())];
  }

  private async watch(groupIds: readonly string[]): Promise<void> {
    if (!this.socket.connected || groupIds.length === 0) return;
    // At most 50 per request (the server's limit); a page shows far fewer.
    for (let i = 0; i < groupIds.length; i += 50)
      await request(this.socket, 'group:watch', { groupIds: groupIds.slice(i, i + 50) }).catch(
        () => undefined,
      );
  }
}

const watches = new WeakMap<ClientSocket, GroupWatch>();

/** Calls `onChange` when one of these groups changes (and after a reconnect). */
export function useGroupChanges(groupIds: readonly string[], onChange: () => void): void {
  const client = useChatClient();
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = [...new Set(groupIds)].sort().join(',');
  useEffect(() => {
    if (!client || !key) return;
    let watch = watches.get(client.socket);
    if (!watch) watches.set(client.socket, (watch = new GroupWatch(client.socket)));
    return watch.add(key.split(','), () => latest.current());
  }, [client, key]);
}
