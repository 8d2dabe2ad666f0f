// The HTTP side of [fuzz-1]: the actors (signed in through the real routes), one keep-alive
// agent, and requests run with bounded concurrency.
import { Agent, request } from 'node:http';
import type { Role } from '../../server/protocol/api.ts';
import type { ActorName } from './accessMatrix.ts';
import { ApiClient, createPerson, type TestPerson } from './people.ts';

export interface FuzzActor {
  name: ActorName;
  person?: TestPerson;
  cookie?: string;
  csrfToken?: string | null;
}

export interface Answer {
  status: number;
  body: unknown;
}

export class FuzzHttp {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    concurrency: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  close() {
    this.agent.destroy();
  }

  /** One request as this actor; `body` is sent as is (already JSON, or deliberately not). */
  async send(
    actor: FuzzActor,
    method: string,
    path: string,
    lang: string,
    body?: string,
  ): Promise<Answer> {
    const answer = await this.once(actor, method, path, lang, body);
    // A kept-alive connection the server closed as it went out (its keep-alive timeout): the
    // request never reached it. Sent again on a new one, as Node's documentation advises.
    return answer.reused &&
      answer.status === 0 &&
      /ECONNRESET|socket hang up/.test(String(answer.body))
      ? this.once(actor, method, path, lang, body)
      : answer;
  }

  private once(actor: FuzzActor, method: string, path: string, lang: string, body?: string) {
    const headers: Record<string, string> = { 'accept-language': lang };
    if (actor.cookie) headers.cookie = actor.cookie;
    if (actor.csrfToken) headers['x-csrf-token'] = actor.csrfToken;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise<Answer & { reused?: boolean }>((resolve) => {
      // The path as given, not through URL(): '.', '..' and their encodings stay as sent.
      const { hostname, port } = new URL(this.baseUrl);
      const req = request(
        { hostname, port, path: `/api${path}`, method, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ status: 0, body: String(error) }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            if (res.headers['content-type']?.includes('json') && text) {
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = `(not JSON) ${text}`;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      // No answer at all (the connection cut): status 0, judged by the caller.
      req.on('error', (error) =>
        resolve({ status: 0, body: String(error), reused: req.reusedSocket }),
      );
      req.setTimeout(30_000, () => req.destroy(new Error('no answer in 30 s')));
      req.end(body);
    });
  }
}

/** Runs `work` over `items` with at most `limit` at a time, in order of the items. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Signs this role in afresh (a new person when the old one was erased by a fuzzed request). */
export async function signInActor(
  baseUrl: string,
  actor: FuzzActor,
  role: Role,
  organisationId: string,
): Promise<void> {
  actor.person ??= await createPerson({ roles: [role], organisationId });
  const client = new ApiClient(baseUrl);
  try {
    await client.signIn(actor.person);
  } catch {
    actor.person = await createPerson({ roles: [role], organisationId });
    await client.signIn(actor.person);
  }
  actor.cookie = client.cookie;
  actor.csrfToken = client.csrfToken;
}
