// The group's session plan, for those who run the group: items with minutes, reused every
// session; in the room the host moves on, extends or skips them.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  roomToolSchemas,
  type PlanItem,
  type SessionPlanInfo,
} from '../../../../../server/protocol/roomTools.ts';
import { put } from '../../../lib/api.ts';
import { ErrorSummary } from '../../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../../lib/forms/errors.ts';
import { TextField } from '../../../lib/forms/fields.tsx';
import { SubmitButton } from '../../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../../lib/forms/useFormSubmit.ts';
import { useResource } from '../../../lib/useResource.ts';

const blank = (): PlanItem => ({ title: '', minutes: 10 });

export function PlanEditor({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  const saved = useResource<SessionPlanInfo>(`/groups/${encodeURIComponent(groupId)}/plan`);
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [items, setItems] = useState<PlanItem[] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (saved.data && items === null) setItems(saved.data.items);
  }, [saved.data, items]);
  if (!items) return null;
  const total = items.reduce((sum, item) => sum + (item.minutes || 0), 0);
  const labels = Object.fromEntries(
    items.flatMap((_, i) => [
      [`items.${i}.title`, t('plan.itemTitle', { number: i + 1 })],
      [`items.${i}.minutes`, t('plan.itemMinutes', { number: i + 1 })],
    ]),
  );
  const change = (i: number, patch: Partial<PlanItem>) =>
    setItems(items.map((item, j) => (j === i ? { ...item, ...patch } : item)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    void submit(validate(roomToolSchemas.planInput, { items }, t), async (data) => {
      await put(`/groups/${encodeURIComponent(groupId)}/plan`, data);
      setDone(t('plan.saved'));
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} data-testid="plan-editor">
      <p>{t('plan.intro')}</p>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <ol className="plan-items">
        {items.map((item, i) => (
          <li key={i}>
            <TextField
              id={fieldId(`items.${i}.title`)}
              label={labels[`items.${i}.title`]!}
              error={errors.fields[`items.${i}.title`]}
              value={item.title}
              maxLength={80}
              dir="auto"
              onChange={(event) => change(i, { title: event.target.value })}
              required
            />
            <TextField
              id={fieldId(`items.${i}.minutes`)}
              label={labels[`items.${i}.minutes`]!}
              error={errors.fields[`items.${i}.minutes`]}
              type="number"
              inputMode="numeric"
              min={1}
              max={180}
              value={String(item.minutes)}
              onChange={(event) => change(i, { minutes: Number(event.target.value) })}
              required
            />
            <button
              type="button"
              className="secondary"
              onClick={() => setItems(items.filter((_, j) => j !== i))}
            >
              {t('plan.remove', { number: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <p>{t('plan.total', { count: total })}</p>
      <p>
        <button
          type="button"
          className="secondary"
          data-testid="plan-add"
          disabled={items.length >= 20}
          onClick={() => setItems([...items, blank()])}
        >
          {t('plan.add')}
        </button>
      </p>
      <SubmitButton busy={busy} label={t('plan.save')}>
        <span role="status">{done}</span>
      </SubmitButton>
    </form>
  );
}
