import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { GroupDetail } from '../../../../server/protocol/groups.ts';

/**
 * After the group form: what was saved and what it means for families (a draft is hidden, an open
 * public group is in the catalogue), read first by a screen reader.
 */
export function SavedNotice({ group }: { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const saved = (useLocation().state as { saved?: 'created' | 'updated' } | null)?.saved;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [saved]);
  if (!saved) return null;
  const listed = group.visibility === 'public' && group.status !== 'draft';
  return (
    <div ref={ref} className="notice success" role="status" tabIndex={-1}>
      <p>
        <strong>{t(`setup.${saved}`)}</strong>
      </p>
      <p>{listed ? t('setup.nowListed') : t('setup.notListed')}</p>
    </div>
  );
}
