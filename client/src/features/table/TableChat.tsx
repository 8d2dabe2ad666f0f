import { useTranslation } from 'react-i18next';
import type { TableDetail } from '../../../../server/protocol/partnership.ts';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { useChatClient } from '../chat/ChatProvider.tsx';
import { PresenceList } from '../chat/PresenceList.tsx';
import { useChannel } from '../chat/useChat.ts';

/** The table's channel: its shared communication network between meetings (members only). */
export function TableChat({ table }: { table: TableDetail }) {
  const { t } = useTranslation('table');
  const client = useChatClient();
  const view = useChannel(table.channelId);
  if (!client) return null;
  return (
    <aside className="group-chat table-chat" aria-label={t('channel')}>
      <PresenceList groupId={table.id} myKey={view?.state?.myKey ?? null} />
      <ChatPanel channelId={table.channelId} title={t('channel')} mentions={false} />
    </aside>
  );
}
