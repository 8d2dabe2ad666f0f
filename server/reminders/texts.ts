// Words for reminders and notices, in the reader's language, with Helsinki times.
import { translator } from '../i18n/index.ts';
import { withCount, type EmailTemplate } from '../mail/mailer.ts';
import { fallbackDateTimeFormat, fallbackWords } from '../protocol/intlFallback.ts';
import { dateLocale, type LanguageCode } from '../protocol/languages.ts';

interface Titled {
  _id: unknown;
  title: { lang?: string | null; text?: string | null }[];
}
interface Timed {
  startsAt: Date;
  reason?: string | null;
}

/** The group's title in the reader's language, else Finnish, else the first one given. */
export function titleIn(group: Titled, lang: string): string {
  const pick = (l: string) => group.title.find((t) => t.lang === l)?.text;
  return pick(lang) ?? pick('fi') ?? group.title[0]?.text ?? '';
}

export function formatWhen(date: Date, lang: LanguageCode): string {
  const options = { timeZone: 'Europe/Helsinki', dateStyle: 'full', timeStyle: 'short' } as const;
  // Somali, Sorani, Albanian: as their pages write it (browsers lack their data), 24-hour clock.
  const words = fallbackWords(lang);
  if (words) return fallbackDateTimeFormat(words, options).format(date);
  return new Intl.DateTimeFormat(dateLocale(lang), options).format(date);
}

const TEMPLATES: Record<string, EmailTemplate> = {
  reminder: 'reminder',
  'session-cancelled': 'sessionCancelled',
  'session-moved': 'sessionMoved',
  'enrolment-confirmed': 'enrolmentConfirmed',
  'enrolment-waitlisted': 'enrolmentWaitlisted',
  'enrolment-requested': 'enrolmentRequested',
  'enrolment-promoted': 'enrolmentPromoted',
  'enrolment-cancelled': 'enrolmentCancelled',
  'enrolment-removed': 'enrolmentRemoved',
};

function paramsFor(lang: LanguageCode, group: Titled, session: Timed | null) {
  return {
    group: titleIn(group, lang),
    when: session ? formatWhen(session.startsAt, lang) : '',
    reason: session?.reason ?? '',
  };
}

export function emailFor(
  kind: string,
  lang: LanguageCode,
  group: Titled,
  session: Timed | null,
  publicUrl: string,
) {
  return {
    template: TEMPLATES[kind] ?? 'reminder',
    params: {
      ...paramsFor(lang, group, session),
      link: new URL(`/groups/${String(group._id)}`, publicUrl).toString(),
    },
  };
}

/** In-app texts of notices that are not session reminders (their emails, if any, are sent by their feature). */
const NOTICE_ONLY: Record<string, string> = {
  'chat-report': 'chatReport',
  'chat-mention': 'chatMention',
  'certification-expiring': 'certificationExpiring',
  'safeguarding-alert': 'safeguardingAlert',
  'report-feedback': 'reportFeedback',
  'reflection-reviewed': 'reflectionReviewed',
  'referral-reminder': 'referralReminder',
  'alongside-paired': 'alongsidePaired',
  'alongside-ended': 'alongsideEnded',
  'alongside-quiet': 'alongsideQuiet',
  'appointment-reminder': 'appointmentReminder',
  'appointment-note': 'appointmentNote',
};

/** The one-line text of an in-app notification. */
export function noticeText(
  kind: string,
  lang: LanguageCode,
  group: Titled,
  session: Timed | null,
  /** The notification's own parameters (e.g. a module's title, a validity date). */
  extra: Record<string, string> = {},
): string {
  const key = NOTICE_ONLY[kind] ?? TEMPLATES[kind] ?? 'reminder';
  // A quiet-pairing notice stored before its count was `count` named it `days`.
  const counted =
    extra.days !== undefined && extra.count === undefined ? { ...extra, count: extra.days } : extra;
  return translator(lang)(`notice.${key}`, {
    ns: 'email',
    ...withCount(counted),
    ...paramsFor(lang, group, session),
  });
}
