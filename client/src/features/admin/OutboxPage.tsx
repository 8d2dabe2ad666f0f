import { useTranslation } from 'react-i18next';
import type { OutboxMessageInfo } from '../../../../server/protocol/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from './AdminNav.tsx';

/**
 * Development only: without an SMTP server, emails land here. The reader's own emails show their
 * links; other people's links are secrets and stay with the recipient (the server leaves them out).
 */
export function OutboxPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('outbox.title'));
  const format = useFormat();
  const messages = useResource<OutboxMessageInfo[]>('/dev/outbox');

  const content = () => {
    if (messages.error?.code === 'notFound') return <p className="notice">{t('outbox.off')}</p>;
    if (messages.error)
      return (
        <p className="error-summary" role="alert">
          {messages.error.message}
        </p>
      );
    if (!messages.data) return <p role="status">{t('common:loading')}</p>;
    if (messages.data.length === 0) return <p>{t('outbox.none')}</p>;
    return (
      <ol className="plain-list">
        {messages.data.map((message) => (
          <li key={message.id} className="card">
            <h2 className="outbox-subject">{message.subject}</h2>
            <p className="meta">
              {t('outbox.to')} <span dir="ltr">{message.to}</span> ·{' '}
              <time dateTime={message.sentAt}>{format.dateTime(message.sentAt)}</time>
            </p>
            <pre className="message-text">
              <LinkedText text={message.text} links={message.links} />
            </pre>
            {message.linksWithheld ? <p className="meta">{t('outbox.withheldNote')}</p> : null}
          </li>
        ))}
      </ol>
    );
  };

  return (
    <section className="page">
      <AdminNav />
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.intro')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={messages.reload}>
          {t('outbox.refresh')}
        </button>
      </div>
      {content()}
    </section>
  );
}

/** The email as it reads, its links (the reader's own emails only) clickable where they stand. */
function LinkedText({ text, links }: { text: string; links: readonly string[] }) {
  const parts = text.split(/(\bhttps?:\/\/\S+)/u);
  return (
    <>
      {parts.map((part, i) =>
        links.includes(part) ? (
          <a key={i} href={part} dir="ltr">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
