// The demo's walk-alongside module of the training programme, passed by the demo facilitator, and
// the demo family's request waiting: a coordinator can pair them at once.
import { Person } from '../people/person.model.ts';
import { ALONGSIDE_QUALIFICATION } from '../protocol/alongside.ts';
import { registerSeeder } from '../seed/index.ts';
import { TrainingModule } from '../training/module.model.ts';
import { ModuleRead, progressId } from '../training/progress.model.ts';
import { AlongsideRequest } from './request.model.ts';

const content = [
  {
    lang: 'fi',
    title: 'Rinnallakulkijana',
    body: 'Rinnallakulkija on vertainen, ei viranomainen eikä lastenhoitaja. Kuljet yhden perheen rinnalla elämän vaikeassa vaiheessa: muistutat heidän itse jakamistaan ajoista, rohkaiset hakemaan apua ja etuuksia, joihin heillä on oikeus, ja autat käyttämään palveluita, jotka ovat jo olemassa. Kirjaa jokainen yhteydenotto; kouluttajasi tukee sinua.',
  },
  {
    lang: 'sv',
    title: 'Att vara stödperson',
    body: 'En stödperson är en jämlike, inte en myndighet och inte barnvakt. Du går bredvid en familj i en svår tid: påminner om tider de själva delar, uppmuntrar dem att söka den hjälp och de förmåner de har rätt till och hjälper dem att använda de tjänster som redan finns. Logga varje kontakt; din utbildare stöder dig.',
  },
  {
    lang: 'en',
    title: 'Walking alongside a family',
    body: 'A walk-alongside volunteer is a peer — never an authority, never childcare. You walk alongside one family in a hard season: you remind them of the appointments they choose to share, encourage them to apply for the help and benefits they are entitled to, and help them use the services that exist. Log each contact; your trainer supports you.',
  },
  {
    lang: 'ar',
    title: 'مرافقة عائلة',
    body: 'المتطوع المرافق نظير، وليس سلطة ولا جليسة أطفال. ترافق عائلة واحدة في مرحلة صعبة: تذكّرها بالمواعيد التي تختار مشاركتها، وتشجعها على طلب المساعدة والمزايا التي يحق لها، وتساعدها على استخدام الخدمات الموجودة. سجّل كل تواصل؛ ومدربك يدعمك.',
  },
];

registerSeeder('demo walk-alongside module', async () => {
  const module = await TrainingModule.create({
    order: 50,
    required: false,
    published: true,
    qualifies: ALONGSIDE_QUALIFICATION,
    content,
  });
  const facilitator = await Person.findOne(
    { email: 'facilitator@demo.rinnalla.fi' },
    { _id: 1 },
  ).lean();
  if (facilitator) {
    const [personId, moduleId] = [String(facilitator._id), String(module._id)];
    await ModuleRead.create({
      _id: progressId('training-read', personId, moduleId),
      personId,
      moduleId,
      at: new Date(),
    });
  }
  const family = await Person.findOne({ email: 'family@demo.rinnalla.fi' }, { _id: 1 }).lean();
  if (family)
    await AlongsideRequest.create({
      familyId: family._id,
      help: 'Tarvitsisimme apua Kelan asumistukihakemuksen kanssa ja jonkun, joka tulisi mukaan neuvolaan.',
      helpLang: 'fi',
      languages: ['fi', 'ar'],
    });
  return [];
});
