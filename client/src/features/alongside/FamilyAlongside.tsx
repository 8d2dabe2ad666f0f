// The family's side: ask for a volunteer, follow the request, then talk with and meet the
// volunteer, keep their own appointments, and end it with one action whenever they wish.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyAlongside, PairingInfo } from '../../../../server/protocol/alongside.ts';
import { ApiError, post } from '../../lib/api.ts';
import { isolate } from '../../lib/bidi.tsx';
import { useFormat } from '../../lib/format.ts';
import { MessageIcon } from '../../lib/icons.ts';
import { useResource } from '../../lib/useResource.ts';
import { AppointmentsSection } from './AppointmentsSection.tsx';
import { AskForm } from './AskForm.tsx';
import { NextMeeting } from './NextMeeting.tsx';

export function FamilyAlongside() {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const mine = useResource<MyAlongside>('/alongside/mine');
  const [asking, setAsking] = useState(false);
  if (!mine.data) return <p role="status">{mine.error?.message ?? t('common:loading')}</p>;
  const { pairing } = mine.data;
  const waiting = mine.data.requests.find((r) => r.status === 'waiting');
  const active = pairing?.status === 'active' ? pairing : null;

  return (
    <>
      <p className="lead">{t('family.intro')}</p>
      {active ? <ActivePairing pairing={active} onChange={mine.reload} /> : null}
      {waiting ? (
        <div className="card" role="status">
          <h2>{t('family.waitingTitle')}</h2>
          <p>{t('family.waiting', { date: format.date(waiting.createdAt) })}</p>
          <p className="quote" lang={waiting.helpLang} dir="auto">
            {waiting.help}
          </p>
          <WithdrawButton requestId={waiting.id} onDone={mine.reload} />
        </div>
      ) : null}
      {!active && !waiting ? (
        <section className="section" aria-labelledby="ask-heading">
          <h2 id="ask-heading">{t('ask.title')}</h2>
          {pairing?.status === 'ended' ? (
            <p>{t('family.ended', { name: isolate(pairing.counterpartName) })}</p>
          ) : null}
          <p>{t('ask.intro')}</p>
          {asking ? (
            <AskForm onAsked={mine.reload} />
          ) : (
            <button type="button" onClick={() => setAsking(true)}>
              {t('ask.start')}
            </button>
          )}
        </section>
      ) : null}
      <AppointmentsSection />
    </>
  );
}

function ActivePairing({ pairing, onChange }: { pairing: PairingInfo; onChange: () => void }) {
  const { t } = useTranslation('alongside');
  const format = useFormat();
  const name = isolate(pairing.counterpartName);
  return (
    <section className="card alongside-pair" aria-labelledby="pair-heading">
      <h2 id="pair-heading">{t('family.pairedTitle', { name })}</h2>
      <p>{t('family.paired', { name, date: format.date(pairing.startedAt) })}</p>
      <p>
        <Link className="button" to={`/messages/direct:${pairing.conversationId}`}>
          <MessageIcon aria-hidden="true" size={18} /> {t('family.write', { name })}
        </Link>
      </p>
      <NextMeeting pairing={pairing} onChange={onChange} level={3} />
      <EndPairing pairing={pairing} onEnded={onChange} />
    </section>
  );
}

/** One action, asked once to be sure: nothing to explain, nobody to convince. */
function EndPairing({ pairing, onEnded }: { pairing: PairingInfo; onEnded: () => void }) {
  const { t } = useTranslation('alongside');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const end = async () => {
    try {
      await post(`/alongside/pairings/${pairing.id}/end`, {});
      onEnded();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
    }
  };
  if (!confirming)
    return (
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          {t('family.end')}
        </button>
      </div>
    );
  return (
    <div className="notice" role="group" aria-label={t('family.end')}>
      <p>{t('family.endConfirm', { name: isolate(pairing.counterpartName) })}</p>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="danger" onClick={() => void end()}>
          {t('family.endYes')}
        </button>
        <button type="button" className="secondary" onClick={() => setConfirming(false)}>
          {t('family.endNo')}
        </button>
      </div>
    </div>
  );
}

function WithdrawButton({ requestId, onDone }: { requestId: string; onDone: () => void }) {
  const { t } = useTranslation('alongside');
  return (
    <div className="actions">
      <button
        type="button"
        className="secondary"
        onClick={() => void post(`/alongside/requests/${requestId}/withdraw`).then(onDone)}
      >
        {t('family.withdraw')}
      </button>
    </div>
  );
}
