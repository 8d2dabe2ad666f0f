import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import type { NotificationInfo } from '../../../../server/protocol/groups.ts';
import { get } from '../../lib/api.ts';
import { useSession } from '../account/session.tsx';

/** Unread in-app notifications, for the badge; checked again on every page change. */
export function useUnreadCount(): number {
  const { person } = useSession();
  const { pathname } = useLocation();
  const [count, setCount] = useState(0);
  const personId = person?.id ?? null;

  useEffect(() => {
    if (!personId) {
      setCount(0);
      return;
    }
    let current = true;
    get<NotificationInfo[]>('/notifications').then(
      (list) => current && setCount(list.filter((n) => n.readAt === null).length),
      () => undefined, // the badge is a hint; the page itself shows any error
    );
    return () => {
      current = false;
    };
  }, [personId, pathname]);

  return count;
}
