// People for tests, created straight in the database (fast), and an API client that signs in
// through the real routes and keeps its cookie and CSRF token like a browser would.
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords.ts';
import { Organisation } from '../../server/people/organisation.model.ts';
import { Person } from '../../server/people/person.model.ts';
import type { Role, SessionInfo } from '../../server/protocol/api.ts';
import type { LanguageCode } from '../../server/protocol/languages.ts';

export interface TestPerson {
  id: string;
  email: string;
  password: string;
  displayName: string;
  roles: Role[];
}

export interface PersonOptions {
  roles: Role[];
  email?: string;
  password?: string;
  displayName?: string;
  verified?: boolean;
  organisationId?: string | null;
  supervisorId?: string | null;
  language?: LanguageCode;
}

let passwordHashCache: { password: string; hash: string } | undefined;

export async function createPerson(options: PersonOptions): Promise<TestPerson> {
  const suffix = randomBytes(4).toString('hex');
  const email = options.email ?? `${options.roles[0] ?? 'nobody'}-${suffix}@test.rinnalla.fi`;
  const password = options.password ?? 'correct horse battery staple';
  // Hashing costs ~50 ms by design; reuse the hash of the default password.
  if (passwordHashCache?.password !== password)
    passwordHashCache = { password, hash: await hashPassword(password) };
  const displayName = options.displayName ?? `Testi ${suffix}`;
  const person = await Person.create({
    email,
    passwordHash: passwordHashCache.hash,
    displayName,
    roles: options.roles,
    emailVerifiedAt: options.verified === false ? null : new Date(),
    organisationId: options.organisationId ?? null,
    supervisorId: options.supervisorId ?? null,
    language: options.language ?? 'fi',
  });
  return { id: String(person._id), email, password, displayName, roles: options.roles };
}

export async function createOrganisation(
  kind: 'central' | 'branch' | 'partner',
  name = `Org ${randomBytes(3).toString('hex')}`,
) {
  const org = await Organisation.create({ name, kind });
  return String(org._id);
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like API client: one cookie jar, the CSRF token echoed on writes. */
export class ApiClient {
  cookie: string | undefined;
  csrfToken: string | null = null;

  constructor(
    readonly baseUrl: string,
    readonly lang = 'fi',
  ) {}

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': this.lang };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers,
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      if (!pair) continue;
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    const parsed =
      text && res.headers.get('content-type')?.includes('json')
        ? (JSON.parse(text) as T)
        : (text as T);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('DELETE', path, body);
  }

  async signIn(person: Pick<TestPerson, 'email' | 'password'>): Promise<this> {
    const res = await this.post<SessionInfo>('/auth/sign-in', {
      email: person.email,
      password: person.password,
    });
    if (res.status !== 200)
      throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrfToken = res.body.csrfToken;
    return this;
  }
}

export async function signedInClient(baseUrl: string, person: TestPerson): Promise<ApiClient> {
  return new ApiClient(baseUrl).signIn(person);
}

/** The session cookie of a signed-in person, for a browser context (context.addCookies). */
export async function signInCookie(baseUrl: string, person: TestPerson) {
  const client = await signedInClient(baseUrl, person);
  const [name = '', value = ''] = (client.cookie ?? '').split('=');
  return { name, value, url: baseUrl, csrfToken: client.csrfToken };
}
