// The day's cast and its one peer group, set up before the first step: accounts exist (made by
// an administrator earlier, as they would be), everything else happens through the pages.
import type { Browser } from 'playwright-core';
import { certify } from '../../support/groups.ts';
import { createPerson } from '../../support/people.ts';
import type { LanguageCode } from '../../../server/protocol/languages.ts';
import { castMember, type Player } from './cast.ts';

export interface Day {
  url: string;
  coordinator: Player;
  facilitator: Player;
  trainer: Player;
  /** fi on a 360 px phone; ar, en and sv on laptops. */
  families: Record<'fi' | 'ar' | 'en' | 'sv', Player>;
  searchWord: string;
  /** The group's title as each language reads it (its own text in fi, ar, en and sv). */
  title(lang: LanguageCode): string;
  titles: Record<'fi' | 'ar' | 'en' | 'sv', string>;
  /** Filled in as the day goes: the group page's path and its first session's local date. */
  groupPath: string;
  firstDate: string;
  /** The session held today. */
  sessionId: string;
}

const TITLES = {
  fi: 'Arki kahdessa kulttuurissa',
  ar: 'الحياة اليومية بين ثقافتين',
  en: 'Everyday life in two cultures',
  sv: 'Vardag i två kulturer',
};

const PASSWORD = 'a whole day without a stumble';

async function person(
  browser: Browser,
  url: string,
  name: string,
  roles: ('family' | 'facilitator' | 'trainer' | 'coordinator')[],
  lang: LanguageCode,
  phone = false,
  extra: { supervisorId?: string } = {},
) {
  const created = await createPerson({
    roles,
    displayName: name,
    password: PASSWORD,
    language: lang,
    ...extra,
  });
  const player = await castMember(browser, url, {
    name,
    email: created.email,
    password: PASSWORD,
    lang,
    phone,
  });
  return { ...player, id: created.id };
}

export async function castOfTheDay(browser: Browser, url: string): Promise<Day> {
  const trainer = await person(browser, url, 'Kaisa', ['trainer'], 'fi');
  const facilitator = await person(browser, url, 'Leena', ['facilitator'], 'fi', false, {
    supervisorId: trainer.id,
  });
  await certify(facilitator.id, trainer.id);
  const coordinator = await person(browser, url, 'Outi', ['coordinator'], 'fi');
  const families = {
    fi: await person(browser, url, 'Amina', ['family'], 'fi', true),
    ar: await person(browser, url, 'Yusuf', ['family'], 'ar'),
    en: await person(browser, url, 'Grace', ['family'], 'en'),
    sv: await person(browser, url, 'Elsa', ['family'], 'sv'),
  };
  return {
    url,
    coordinator,
    facilitator,
    trainer,
    families,
    searchWord: 'kahdessa',
    titles: TITLES,
    title: (lang) => TITLES[lang as keyof typeof TITLES] ?? TITLES.fi,
    groupPath: '',
    firstDate: '',
    sessionId: '',
  };
}

export function everyone(day: Day): Player[] {
  return [day.coordinator, day.facilitator, day.trainer, ...Object.values(day.families)];
}
