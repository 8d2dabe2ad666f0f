// How a conversation is named in the UI language: a group's title (picked like the group pages
// do), the other side of a direct conversation, or the facilitators' announcements.
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../server/protocol/chat.ts';
import { useFormat } from '../../lib/format.ts';
import { pickText } from '../groups/groupText.tsx';

export const channelPath = (channelId: string) => `/messages/${encodeURIComponent(channelId)}`;

export function useConversationText() {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const groupTitle = (c: ConversationSummary) =>
    c.group ? (pickText(c.group.title, format.language)?.text ?? '') : '';

  /** The conversation's name: "Arki kahdessa kulttuurissa", "Anna (facilitator)". */
  const title = (c: ConversationSummary): string => {
    if (c.kind === 'announcements') return t('conversations.announcementsTitle');
    if (c.kind === 'direct' && c.counterpart) {
      return t('conversations.withRole', {
        name: c.counterpart.name,
        role: t(`conversations.counterparts.${c.counterpart.role}`),
      });
    }
    return groupTitle(c) || t('conversations.kinds.group');
  };

  /** A line under the name: the kind, and the group a direct conversation is about. */
  const subtitle = (c: ConversationSummary): string => {
    const kind = t(`conversations.kinds.${c.kind}`);
    return c.kind === 'direct' && c.group ? `${kind} · ${groupTitle(c)}` : kind;
  };

  /** The last message's sender and text (each shown in its own direction), or a note. */
  const preview = (c: ConversationSummary): { name: string | null; text: string } => {
    const last = c.lastMessage;
    if (!last) return { name: null, text: t('conversations.noMessages') };
    const text = last.deleted
      ? t('message.deleted')
      : last.hidden && !last.text
        ? t('message.hidden')
        : last.text;
    return { name: last.senderName, text };
  };

  return { title, subtitle, preview, groupTitle };
}
