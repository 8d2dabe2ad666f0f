// My profile, my data (download) and erasing my account.
import { audit } from '../audit/audit.model.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { clearSessionCookie } from '../auth/sessions.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { roleHolders } from '../people/directory.ts';
import { Person, toMe } from '../people/person.model.ts';
import { apiSchemas } from '../protocol/api.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import './accountData.ts';
import { erasePersonalData, exportPersonalData } from './personalData.ts';

export function privacyRoutes(api: ApiRouter, deps: FeatureDeps): void {
  const me = async (personId: string) => {
    const person = await Person.findById(personId).lean();
    if (!person) throw notFound();
    return person;
  };

  api.get('/me', { action: 'me.read' }, async ({ actor }) =>
    toMe(await me(signedIn(actor).personId)),
  );

  api.patch(
    '/me',
    { action: 'me.update', body: apiSchemas.updateProfile },
    async ({ actor, body }) => {
      const update = Object.fromEntries(
        Object.entries(body).filter(([, value]) => value !== undefined),
      );
      if (update.languagesSpoken)
        update.languagesSpoken = [...new Set(update.languagesSpoken as string[])];
      if (update.childrenAgeRanges)
        update.childrenAgeRanges = [...new Set(update.childrenAgeRanges as string[])];
      const person = await Person.findByIdAndUpdate(signedIn(actor).personId, update, {
        new: true,
      }).lean();
      if (!person) throw notFound();
      return toMe(person);
    },
  );

  api.get('/me/export', { action: 'me.export' }, async ({ actor, res }) => {
    const person = await me(signedIn(actor).personId);
    await audit('account.exported', String(person._id), String(person._id));
    const data = { exportedAt: new Date().toISOString(), ...(await exportPersonalData(person)) };
    res.setHeader('Content-Disposition', 'attachment; filename="rinnalla-my-data.json"');
    return data;
  });

  api.delete(
    '/me',
    { action: 'me.erase', body: apiSchemas.deleteAccount },
    async ({ actor, body, res, t }) => {
      const signed = signedIn(actor);
      const person = await me(signed.personId);
      if (!(await verifyPassword(person.passwordHash, body.password))) {
        throw new RequestError('invalid', 400, { password: t('auth.wrongPassword') });
      }
      if (
        person.roles.includes('coordinator') &&
        (await roleHolders('coordinator', { roles: 1, displayName: 1 })).length === 1
      ) {
        throw new RequestError('people.lastCoordinator', 409);
      }
      // The confirmation goes first: erasure also clears the development outbox for this address.
      await deps.mailer.queue({
        to: person.email,
        lang: person.language as LanguageCode,
        template: 'accountErased',
      });
      await erasePersonalData(person);
      await audit('account.erased', null, null, { roles: person.roles });
      clearSessionCookie(res, deps.cookies);
      deps.connections.dropPerson(signed.personId, 'erased');
    },
  );
}
