// A partner organisation's contact persons over time: name one, or record one leaving with a
// successor (their referrals, action items and directory entries pass on; the history stays).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../server/protocol/api.ts';
import type {
  HandoverInfo,
  PartnerOrganisationInfo,
} from '../../../../server/protocol/partners.ts';
import { ApiError, post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { SelectField } from '../../lib/forms/fields.tsx';
import { PersonName, isolate } from '../../lib/bidi.tsx';

export function ContactList({
  organisation,
  workers,
  onChange,
}: {
  organisation: PartnerOrganisationInfo;
  workers: PersonSummary[];
  onChange: () => void;
}) {
  const { t } = useTranslation('partners');
  const format = useFormat();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [leaving, setLeaving] = useState<string | null>(null);
  const [successor, setSuccessor] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = organisation.contacts.filter((c) => !c.leftAt);
  const former = organisation.contacts.filter((c) => c.leftAt);
  const candidates = workers.filter((w) => !active.some((c) => c.personId === w.id));
  const base = `/partners/${organisation.id}/contacts`;

  const act = async (action: () => Promise<string | null>) => {
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
      onChange();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('errors:internal'));
    }
  };
  const name = () =>
    act(async () => {
      await post(base, { personId: chosen });
      setChosen('');
      return t('admin.named');
    });
  const leave = (personId: string) =>
    act(async () => {
      const handed = await post<HandoverInfo>(`${base}/${personId}/leave`, {
        successorId: successor,
      });
      setLeaving(null);
      setSuccessor('');
      const moved = Object.values(handed.passed).reduce((a, b) => a + b, 0);
      return t('admin.handedOver', { count: moved });
    });
  const nameOf = (personId: string) =>
    workers.find((w) => w.id === personId)?.displayName ??
    organisation.contacts.find((c) => c.personId === personId)?.displayName ??
    '';

  return (
    <div className="contacts">
      <h3>{t('admin.contacts')}</h3>
      <ul className="plain-list">
        {active.map((c) => (
          <li key={c.personId}>
            <strong>
              <PersonName name={c.displayName} />
            </strong>{' '}
            <span dir="ltr">{c.email}</span>
            <span className="meta"> · {t('admin.since', { date: format.date(c.since) })}</span>
            {leaving === c.personId ? (
              <div className="inline-add">
                <SelectField
                  id={`${id}-successor`}
                  label={t('admin.successor')}
                  value={successor}
                  onChange={(event) => setSuccessor(event.target.value)}
                >
                  <option value="">{t('admin.chooseSuccessor')}</option>
                  {workers
                    .filter((w) => w.id !== c.personId)
                    .map((w) => (
                      <option key={w.id} value={w.id}>
                        {isolate(w.displayName)}
                      </option>
                    ))}
                </SelectField>
                <button type="button" disabled={!successor} onClick={() => void leave(c.personId)}>
                  {t('admin.confirmLeave')}
                </button>
                <button type="button" className="secondary" onClick={() => setLeaving(null)}>
                  {t('admin.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setLeaving(c.personId)}>
                {t('admin.leaves')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {former.length ? (
        <details>
          <summary>{t('admin.former', { count: former.length })}</summary>
          <ul className="plain-list">
            {former.map((c) => (
              <li key={`${c.personId}-${c.since}`} className="meta">
                {t('admin.formerLine', {
                  name: c.displayName || t('admin.erased'),
                  until: format.date(c.leftAt ?? c.since),
                  successor: c.successorId ? nameOf(c.successorId) : '—',
                })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {candidates.length ? (
        <div className="inline-add">
          <SelectField
            id={`${id}-name`}
            label={t('admin.nameContact')}
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
          >
            <option value="">{t('admin.chooseWorker')}</option>
            {candidates.map((w) => (
              <option key={w.id} value={w.id}>
                {isolate(w.displayName)}
              </option>
            ))}
          </SelectField>
          <button type="button" disabled={!chosen} onClick={() => void name()}>
            {t('admin.makeContact')}
          </button>
        </div>
      ) : workers.length === 0 ? (
        <p className="meta">{t('admin.noWorkers')}</p>
      ) : null}
      {status ? <p role="status">{status}</p> : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
