// How groups read in the UI language: their own texts (written in one or more languages) and
// the translated names of topics, regions, weekdays and schedules.
import { useTranslation } from 'react-i18next';
import type {
  GroupCard,
  LocalizedText,
  ScheduleInput,
  Weekday,
} from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { textDirection } from '../../lib/spokenLanguages.ts';

/** The text in the UI language, else Finnish, else whichever there is. */
export function pickText(texts: readonly LocalizedText[], language: string) {
  return texts.find((t) => t.lang === language) ?? texts.find((t) => t.lang === 'fi') ?? texts[0];
}

/**
 * A group's own text, marked with its language and that language's direction (it may differ
 * from the UI's); being a <bdi>, it is isolated from the sentence around it.
 */
export function LocalText({
  texts,
  className,
}: {
  texts: readonly LocalizedText[];
  className?: string;
}) {
  const { language } = useFormat();
  const text = pickText(texts, language);
  if (!text) return null;
  return (
    <bdi lang={text.lang} dir={textDirection(text.lang)} className={className}>
      {text.text}
    </bdi>
  );
}

/** The languages spoken in a group's sessions, as chips. */
export function LanguageChips({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  return (
    <ul className="chips group-languages" aria-label={t('group.languages')}>
      {codes.map((code) => (
        <li key={code}>{format.languageName(code)}</li>
      ))}
    </ul>
  );
}

export function useGroupWords() {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const weekday = (code: Weekday) => t(`weekdays.${code}`);

  /** "Tuesday at 18:00, Finnish time": what a card knows of the schedule. */
  const weekdayAt = (code: Weekday, time: string) =>
    t('when.weekdayAt', { weekday: weekday(code), time: format.wallClock(time) });

  /** "Every other Tuesday at 18:00, Finnish time (90 min), from 3 Mar 2026: 6 sessions". */
  const schedule = (s: ScheduleInput) => {
    const days =
      s.frequency === 'monthly'
        ? t((s.everyMonths ?? 1) > 1 ? 'when.everyMonths' : 'when.monthly', {
            nth: t(`when.nth.${s.monthlyNth ?? 1}`),
            day: t(`when.monthlyDay.${s.weekday}`),
            count: s.everyMonths ?? 1,
          })
        : t(`when.${s.frequency === 'weekly' ? 'everyWeek' : 'everyOtherWeek'}.${s.weekday}`);
    const at = t('when.daysAt', { days, time: format.wallClock(s.startTime) });
    const length = t('when.duration', { count: s.durationMinutes });
    const span = s.until
      ? t('when.until', { from: format.localDate(s.startDate), until: format.localDate(s.until) })
      : t('when.count', { from: format.localDate(s.startDate), count: s.count ?? 0 });
    return `${at} (${length}). ${span}`;
  };

  /** `inside`: the viewer is in the group or runs it — nobody invites them to its waitlist. */
  const places = (group: Pick<GroupCard, 'freePlaces' | 'waitlistLength'>, inside = false) =>
    group.freePlaces > 0
      ? t('places.free', { count: group.freePlaces })
      : group.waitlistLength > 0
        ? t('places.fullWaitlist', { count: group.waitlistLength })
        : inside
          ? t('places.fullNoWaitlist')
          : t('places.full');

  return {
    weekday,
    weekdayAt,
    schedule,
    places,
    topic: (code: string) => t(`topics.${code}`),
    region: (code: string) => t(`regions.${code}`),
    audience: (code: string) => t(`audiences.${code}`),
    timeOfDay: (code: string) => t(`timesOfDay.${code}`),
    status: (code: string) => t(`statuses.${code}`),
  };
}
