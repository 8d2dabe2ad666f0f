// A facilitator shares a service into the chat of a group they run: the group is chosen, the
// message goes through the chat (one client id per share, so a retry after a timeout posts once).
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntryInfo } from '../../../../server/protocol/directory.ts';
import type { GroupCard } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { SelectField } from '../../lib/forms/fields.tsx';
import { ActionError } from '../../lib/useAction.tsx';
import { useChatClient } from '../chat/ChatProvider.tsx';
import { newClientId } from '../chat/outbox.ts';
import { useChatAction } from '../chat/useChatAction.ts';
import { pickText } from '../groups/groupText.tsx';

export function ShareControl({
  entry,
  groups,
}: {
  entry: DirectoryEntryInfo;
  /** The groups the facilitator runs; null while loading. */
  groups: GroupCard[] | null;
}) {
  const { t } = useTranslation('directory');
  const format = useFormat();
  const client = useChatClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [groupId, setGroupId] = useState('');
  const [shared, setShared] = useState(false);
  const clientId = useRef(newClientId());
  const { error, busy, run } = useChatAction();
  if (!client || !groups) return null;
  const chosen = groupId || groups[0]?.id || '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    if (await run(() => client.shareEntry(chosen, entry.id, clientId.current))) {
      clientId.current = newClientId();
      setShared(true);
      setOpen(false);
    }
  };

  if (!open)
    return (
      <>
        <button
          type="button"
          className="secondary"
          aria-expanded={false}
          onClick={() => {
            setShared(false);
            setOpen(true);
          }}
        >
          {t('share.open')}
        </button>
        <p role="status" className="meta">
          {shared ? t('share.shared') : null}
        </p>
      </>
    );
  if (groups.length === 0) return <p className="meta">{t('share.noGroups')}</p>;
  return (
    <form className="directory-share" onSubmit={(event) => void submit(event)}>
      <SelectField
        id={`${id}-group`}
        label={t('share.group')}
        value={chosen}
        onChange={(event) => setGroupId(event.target.value)}
      >
        {groups.map((group) => (
          <option key={group.id} value={group.id}>
            {pickText(group.title, format.language)?.text ?? ''}
          </option>
        ))}
      </SelectField>
      <button type="submit" disabled={busy}>
        {t('share.submit')}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('share.cancel')}
      </button>
      <ActionError error={error} className="field-error" />
    </form>
  );
}
