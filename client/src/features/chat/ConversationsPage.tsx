// /messages — every conversation; /messages/:channelId opens one beside the list (on a phone,
// instead of it, with a way back). Coordinators also write to all facilitators from here.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { channelIdSchema } from '../../../../server/protocol/chat.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { AnnouncementForm } from './AnnouncementForm.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import { useChatClient } from './ChatProvider.tsx';
import { ConversationList } from './ConversationList.tsx';
import { useConversationText } from './conversationText.ts';
import { useConversations } from './useChat.ts';
import './chat.css';

export function ConversationsPage() {
  const { t } = useTranslation('chat');
  const { person } = useSession();
  const client = useChatClient();
  const conversations = useConversations();
  const text = useConversationText();
  const { channelId: param } = useParams();
  const channelId = param && channelIdSchema.safeParse(param).success ? param : null;
  const open = conversations?.list.find((c) => c.channelId === channelId);
  const title = open ? text.title(open) : t('conversations.title');
  usePageTitle(title);

  // Counts may have moved while the page was closed: ask again on arrival.
  useEffect(() => client?.refreshConversations(), [client]);

  const list = conversations?.list ?? [];
  if (!hasAnyRole(person, ['family', 'facilitator', 'trainer', 'coordinator', 'partner'])) {
    return (
      <section className="page">
        <h1>{t('conversations.title')}</h1>
        <p>{t('conversations.notAvailable')}</p>
      </section>
    );
  }
  return (
    <section className="page chat-page">
      <h1>{t('conversations.title')}</h1>
      {hasAnyRole(person, ['coordinator']) ? (
        <AnnouncementForm to={{ facilitators: true }} heading={t('announce.facilitatorsHeading')} />
      ) : null}
      <div className="chat-page-layout" data-open={param ? 'conversation' : 'list'}>
        <nav className="chat-page-list" aria-label={t('conversations.listLabel')}>
          {!conversations || conversations.status === 'loading' ? (
            <p role="status">{t('conversations.loading')}</p>
          ) : list.length === 0 ? (
            <p>
              {conversations.status === 'error'
                ? t('conversations.loadFailed')
                : t('conversations.none')}
            </p>
          ) : (
            <ConversationList conversations={list} current={channelId} />
          )}
        </nav>
        {param ? (
          <div className="chat-page-conversation">
            <p className="chat-back">
              <Link to="/messages">{t('conversations.back')}</Link>
            </p>
            {channelId ? (
              <ChatPanel channelId={channelId} title={title} />
            ) : (
              <p role="alert" className="chat-error">
                {t('conversations.notFound')}
              </p>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
