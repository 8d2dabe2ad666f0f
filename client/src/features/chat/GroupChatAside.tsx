// Beside a group's page, for its members: who is around, the group's chat, and a private
// conversation with the right person (a family with the facilitators, a facilitator with the
// trainer, the trainer with either facilitator). A coordinator gets an announcement form.
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../../../../server/protocol/api.ts';
import type { GroupDetail } from '../../../../server/protocol/groups.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { AnnouncementForm } from './AnnouncementForm.tsx';
import { ChatPanel } from './ChatPanel.tsx';
import type { DirectWith } from './chatClient.ts';
import { useChatClient } from './ChatProvider.tsx';
import { channelPath } from './conversationText.ts';
import { PresenceList } from './PresenceList.tsx';
import { useChannel } from './useChat.ts';
import { useChatAction } from './useChatAction.ts';

type GroupChatRole = 'family' | 'lead' | 'coFacilitator' | 'trainer';

/** How the viewer belongs to the group's chat, from what the group page already knows. */
export function groupChatRole(group: GroupDetail, person: Me | null): GroupChatRole | null {
  if (!person) return null;
  if (person.id === group.leadFacilitator.id) return 'lead';
  if (person.id === group.coFacilitator?.id) return 'coFacilitator';
  if (person.id === group.trainerId) return 'trainer';
  if (group.myEnrolment?.status === 'confirmed') return 'family';
  return null;
}

export function GroupChatAside({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('chat');
  const { person } = useSession();
  const client = useChatClient();
  const role = groupChatRole(group, person);
  const coordinator = hasAnyRole(person, ['coordinator']);
  if (!client || (!role && !coordinator)) return null;

  return (
    <aside className="group-chat" aria-label={t('group.label')} data-testid="group-chat">
      {role ? <MemberChat group={group} role={role} /> : null}
      {coordinator ? (
        <AnnouncementForm to={{ groupId: group.id }} heading={t('announce.groupHeading')} />
      ) : null}
    </aside>
  );
}

function MemberChat({ group, role }: { group: GroupDetail; role: GroupChatRole }) {
  const { t } = useTranslation('chat');
  const channelId = `group:${group.id}`;
  const view = useChannel(channelId);
  return (
    <>
      {/* A partnership table talks in its shared channel only. */}
      {group.kind === 'partnership' ? null : <DirectButtons group={group} role={role} />}
      <PresenceList groupId={group.id} myKey={view?.state?.myKey ?? null} />
      <ChatPanel channelId={channelId} title={t('group.title')} />
    </>
  );
}

function DirectButtons({ group, role }: { group: GroupDetail; role: GroupChatRole }) {
  const { t } = useTranslation('chat');
  const client = useChatClient();
  const navigate = useNavigate();
  const { error, busy, run } = useChatAction();
  const options: DirectWith[] =
    role === 'family'
      ? ['facilitators']
      : role === 'trainer'
        ? group.coFacilitator
          ? ['lead', 'coFacilitator']
          : ['lead']
        : ['trainer'];
  if (!client) return null;

  const open = (withWhom: DirectWith) =>
    void run(async () => {
      const conversation = await client.openDirect(group.id, withWhom);
      void navigate(channelPath(conversation.channelId));
    });

  return (
    <div className="chat-direct">
      <div className="chat-direct-buttons">
        {options.map((withWhom) => (
          <button
            key={withWhom}
            type="button"
            className="secondary"
            data-testid={`direct-${withWhom}`}
            disabled={busy}
            onClick={() => open(withWhom)}
          >
            {t(`direct.${withWhom}`)}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="chat-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
