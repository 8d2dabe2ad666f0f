import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { MeetingForm } from './MeetingForm.tsx';
import './meetings.css';

/** /meetings/new: trainers and coordinators set up any meeting, facilitators a peer meeting. */
export function NewMeetingPage() {
  const { t } = useTranslation('meetings');
  usePageTitle(t('form.title'));
  return (
    <section className="page">
      <p>
        <Link to="/meetings">{t('backToMeetings')}</Link>
      </p>
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      <MeetingForm />
    </section>
  );
}
