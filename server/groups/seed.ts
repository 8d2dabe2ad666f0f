// Demo groups: a dozen, in several languages and regions, with families enrolled, and one whose
// session opens for joining right after `npm start`.
import { DateTime } from 'luxon';
import { hashPassword } from '../auth/passwords.ts';
import { Person } from '../people/person.model.ts';
import { DEMO_PASSWORD } from '../people/seed.ts';
import type { Region, Topic, Weekday } from '../protocol/groups.ts';
import { joinable, sessionState } from '../protocol/sessionState.ts';
import { titleIn } from '../reminders/texts.ts';
import { registerDemoStatus, registerSeeder } from '../seed/index.ts';
import { syncSessions } from '../sessions/sync.ts';
import { searchTextOf } from './catalogue.ts';
import { enrol } from './enrolment.ts';
import { Group, type GroupDoc } from './group.model.ts';
import { timeOfDay, ZONE } from './schedule.ts';
import { comingSessions } from './views.ts';

interface DemoGroup {
  fi: string;
  other: [string, string];
  about: string;
  languages: string[];
  topics: Topic[];
  region: Region;
  weekday: Weekday;
  time: string;
  audience?: 'parents' | 'mothers' | 'fathers' | 'couples';
  observationAllowed?: boolean;
}

const DEMO_GROUPS: DemoGroup[] = [
  {
    fi: 'Arki kahdessa kulttuurissa',
    other: ['ar', 'الحياة اليومية بين ثقافتين'],
    about: 'Vertaistukea arkeen, kun perheessä eletään kahta kulttuuria.',
    languages: ['fi', 'ar'],
    topics: ['everyday-two-cultures'],
    region: 'online-finland',
    weekday: 'tu',
    time: '18:00',
    observationAllowed: true,
  },
  {
    fi: 'Pienten lasten vanhemmat',
    other: ['so', 'Waalidiinta carruurta yaryar'],
    about: 'Keskustelua vauva- ja leikki-ikäisten lasten vanhemmuudesta.',
    languages: ['fi', 'so'],
    topics: ['small-children'],
    region: 'online-finland',
    weekday: 'we',
    time: '10:00',
  },
  {
    fi: 'Isien ilta',
    other: ['en', "Fathers' evening"],
    about: 'Isien oma vertaisryhmä, jossa puhutaan isyydestä kahden kulttuurin perheessä.',
    languages: ['fi', 'en'],
    topics: ['fathers'],
    region: 'online-finland',
    weekday: 'th',
    time: '19:00',
    audience: 'fathers',
  },
  {
    fi: 'Koululaisten vanhemmat',
    other: ['ru', 'Родители школьников'],
    about: 'Koulu, kaverit ja kotikieli – kokemuksia kouluikäisten lasten vanhemmilta.',
    languages: ['fi', 'ru'],
    topics: ['school-age'],
    region: 'helsinki',
    weekday: 'mo',
    time: '17:30',
  },
  {
    fi: 'Kotikieli ja suomi',
    other: ['fa', 'زبان خانه و فنلاندی'],
    about: 'Miten tuen lapsen kaksikielisyyttä?',
    languages: ['fi', 'fa'],
    topics: ['language-at-home'],
    region: 'pirkanmaa',
    weekday: 'tu',
    time: '12:00',
  },
  {
    fi: 'Äitien kahvihetki',
    other: ['ar', 'استراحة قهوة للأمهات'],
    about: 'Rento hetki äideille: jaksaminen, arki ja oma aika.',
    languages: ['ar', 'fi'],
    topics: ['mothers', 'wellbeing'],
    region: 'pohjois-pohjanmaa',
    weekday: 'fr',
    time: '10:00',
    audience: 'mothers',
  },
  {
    fi: 'Tvåspråkiga familjer',
    other: ['sv', 'Tvåspråkiga familjer'],
    about: 'Ruotsinkielinen ryhmä kaksikielisille perheille.',
    languages: ['sv', 'fi'],
    topics: ['language-at-home', 'everyday-two-cultures'],
    region: 'pohjanmaa',
    weekday: 'we',
    time: '18:30',
  },
  {
    fi: 'Nuorten vanhemmat',
    other: ['en', 'Parents of teenagers'],
    about: 'Teini-ikä kahden kulttuurin perheessä.',
    languages: ['en', 'fi'],
    topics: ['teenagers'],
    region: 'online-finland',
    weekday: 'su',
    time: '18:00',
  },
  {
    fi: 'Pariskuntien ryhmä',
    other: ['tr', 'Çiftler grubu'],
    about: 'Parisuhde, kun kumppaneilla on eri taustat.',
    languages: ['fi', 'tr'],
    topics: ['everyday-two-cultures', 'wellbeing'],
    region: 'varsinais-suomi',
    weekday: 'th',
    time: '18:00',
    audience: 'couples',
  },
  {
    fi: 'Vauvaperheiden aamu',
    other: ['es', 'Mañana de familias con bebés'],
    about: 'Vauvaperheiden aamupäivä etänä.',
    languages: ['es', 'fi'],
    topics: ['small-children'],
    region: 'online-finland',
    weekday: 'mo',
    time: '10:30',
  },
  {
    fi: 'Jaksaminen ja hyvinvointi',
    other: ['ar', 'الرفاهية والتوازن'],
    about: 'Voimavaroja vanhemmuuteen kahden kulttuurin perheessä.',
    languages: ['ar'],
    topics: ['wellbeing'],
    region: 'keski-suomi',
    weekday: 'sa',
    time: '11:00',
  },
  {
    fi: 'Lapin perheet',
    other: ['en', 'Families in Lapland'],
    about: 'Pohjoisen kahden kulttuurin perheiden ryhmä.',
    languages: ['fi', 'en'],
    topics: ['everyday-two-cultures'],
    region: 'lappi',
    weekday: 'we',
    time: '17:00',
  },
];

const FAMILY_NAMES = [
  'Amina',
  'Mikko',
  'Sara',
  'Hodan',
  'Jonas',
  'Leyla',
  'Olga',
  'Pedro',
  'Mariam',
  'Aino',
  'Farah',
  'Ilkka',
  'Nadia',
  'Yusuf',
  'Elif',
  'Camila',
];

const WEEKDAY_CODES: Weekday[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

registerSeeder('demo groups', async () => {
  const facilitator = await Person.findOne({ email: 'facilitator@demo.rinnalla.fi' }).lean();
  const trainer = await Person.findOne({ email: 'trainer@demo.rinnalla.fi' }).lean();
  const demoFamily = await Person.findOne({ email: 'family@demo.rinnalla.fi' }).lean();
  if (!facilitator || !trainer || !demoFamily) return [];
  const now = new Date();
  // The first group meets today: its session opens for joining within minutes of start-up.
  const soon = DateTime.now().setZone(ZONE).plus({ minutes: 5 });
  const groups: GroupDoc[] = [];
  for (const [i, demo] of DEMO_GROUPS.entries()) {
    const first = i === 0;
    const startDate = first
      ? (soon.toISODate() ?? '')
      : (DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate() ?? '');
    const weekday = first ? (WEEKDAY_CODES[soon.weekday - 1] ?? 'mo') : demo.weekday;
    const startTime = first ? soon.toFormat('HH:mm') : demo.time;
    const title = [
      { lang: 'fi', text: demo.fi },
      { lang: demo.other[0], text: demo.other[1] },
    ];
    const description = [{ lang: 'fi', text: demo.about }];
    const group = await Group.create({
      title,
      description,
      topics: demo.topics,
      sessionLanguages: demo.languages,
      audience: demo.audience ?? 'parents',
      region: demo.region,
      capacity: 8 + (i % 3) * 2,
      leadFacilitatorId: facilitator._id,
      trainerId: trainer._id,
      status: 'open',
      visibility: 'public',
      observationAllowed: demo.observationAllowed ?? i % 2 === 0,
      requiresApproval: false,
      joinWindowMinutes: 10,
      schedule: {
        frequency: i % 4 === 3 ? 'biweekly' : 'weekly',
        weekday,
        startDate,
        startTime,
        durationMinutes: 90,
        count: 10,
      },
      timeOfDay: timeOfDay(startTime),
      searchText: searchTextOf({
        title,
        description,
        topics: demo.topics,
        sessionLanguages: demo.languages,
      }),
      rulesVersion: `demo-${i}`,
    });
    const doc = group.toObject() as GroupDoc;
    await syncSessions(doc, now);
    groups.push(doc);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const families = [];
  for (const [i, name] of FAMILY_NAMES.entries()) {
    families.push(
      await Person.create({
        email: `family${i + 1}@demo.rinnalla.fi`,
        passwordHash,
        emailVerifiedAt: now,
        displayName: name,
        roles: ['family'],
        language: ['fi', 'ar', 'en', 'sv'][i % 4],
      }),
    );
  }
  for (const [i, group] of groups.entries()) {
    const members = families.filter((_, f) => (f + i) % 3 !== 0).slice(0, 4 + (i % 5) * 2);
    for (const member of members) await enrol(group, String(member._id), group.rulesVersion, now);
  }
  for (const group of groups.slice(0, 3))
    await enrol(group, String(demoFamily._id), group.rulesVersion, now);

  return [`Demo groups: ${groups.length}.`];
});

// Said at every start from the session's state now, never from when the data was seeded.
registerDemoStatus(async () => {
  const facilitator = await Person.findOne({ email: 'facilitator@demo.rinnalla.fi' }).lean();
  if (!facilitator) return [];
  const groups = await Group.find({ leadFacilitatorId: facilitator._id, kind: 'family' }).lean();
  const now = new Date();
  const next = groups
    .flatMap((group) => comingSessions(group, now).map((session) => ({ group, session })))
    .filter(({ session }) => session.status !== 'cancelled')
    .sort((a, b) => a.session.startsAt.localeCompare(b.session.startsAt))[0];
  if (!next) return ['No demo session is coming up.'];
  const at = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toFormat('ccc d.M. HH:mm');
  const title = titleIn(next.group, 'fi');
  return joinable(sessionState(next.session, now))
    ? [`"${title}" is open for joining now, until ${at(next.session.joinClosesAt)} (Finnish time).`]
    : [
        `"${title}" meets next ${at(next.session.startsAt)}; joining opens ${at(next.session.joinOpensAt)} (Finnish time).`,
      ];
});
