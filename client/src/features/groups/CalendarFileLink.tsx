import { Trans, useTranslation } from 'react-i18next';

/**
 * One group's sessions as a calendar file. ".ics" is its own left-to-right island, so an Arabic
 * line reads "(.ics)", not "(ics.)".
 */
export function CalendarFileLink({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  return (
    <a href={`/api/groups/${groupId}/calendar.ics`} download>
      <Trans t={t} i18nKey="calendar.fileLink" components={{ file: <bdi dir="ltr" /> }} />
    </a>
  );
}
