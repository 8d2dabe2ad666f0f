// How every REST route is declared: an action from the access policy, schemas for body and
// query, and a handler that returns the response. The wrapper gates, checks CSRF, validates and
// answers errors as { error: { code, message, fields } } in the caller's language — so a route
// cannot forget any of it. All routes live on one flat router, which tests enumerate.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { TFunction } from 'i18next';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { isSignedIn, type Actor, type SignedInActor } from '../access/actor.ts';
import { gate, type Action } from '../access/policy.ts';
import { RequestError, statusOf, toAppError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { failFast } from '../platform/parts.ts';
import { fieldErrors } from './validation.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteSpec<B extends Schema | undefined, Q extends Schema | undefined> {
  action: Action;
  body?: B;
  query?: Q;
  /** Success status when the handler returns a value (200 by default; 204 when it returns nothing). */
  status?: number;
  /** Extra rate limiters for this route, beyond the general write limit. */
  limits?: RequestHandler[];
}

export interface RouteContext<B, Q> {
  actor: Actor;
  body: B;
  query: Q;
  params: Record<string, string>;
  t: TFunction;
  req: Request;
  res: Response;
}

export interface RouteInfo {
  method: Method;
  path: string;
  action: Action;
  body: Schema | undefined;
  query: Schema | undefined;
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

/** The signed-in actor, for handlers whose action admits only signed-in people. */
export function signedIn(actor: Actor): SignedInActor {
  if (!isSignedIn(actor)) throw new RequestError('unauthenticated', 401);
  return actor;
}

export class ApiRouter {
  readonly router = Router();
  readonly routes: RouteInfo[] = [];

  constructor(
    private readonly log: Logger,
    /** Applied to every state-changing request (per IP and per account). */
    private readonly writeLimits: RequestHandler[],
  ) {}

  route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined>(
    method: Method,
    path: string,
    spec: RouteSpec<B, Q>,
    handler: (ctx: RouteContext<Out<B>, Out<Q>>) => Promise<unknown>,
  ): void {
    this.routes.push({ method, path, action: spec.action, body: spec.body, query: spec.query });
    const limits = [...(method === 'get' ? [] : this.writeLimits), ...(spec.limits ?? [])];
    this.router[method](path, ...limits, async (req: Request, res: Response) => {
      const actor = actorOf(res);
      const t = translator(actor.lang);
      try {
        const verdict = gate(actor, spec.action);
        if (verdict !== 'allowed')
          throw new RequestError(verdict, verdict === 'unauthenticated' ? 401 : 403);
        const body = parse(spec.body, req.body ?? {}, t);
        const query = parse(spec.query, req.query, t);
        const result = await failFast(
          handler({
            actor,
            body: body as Out<B>,
            query: query as Out<Q>,
            params: req.params as Record<string, string>,
            t,
            req,
            res,
          }),
        );
        if (res.headersSent) return;
        if (result === undefined) res.status(204).end();
        else res.status(spec.status ?? 200).json(result);
      } catch (error) {
        res.status(statusOf(error)).json({ error: toAppError(error, t, this.log) });
      }
    });
  }

  get<Q extends Schema | undefined = undefined>(
    path: string,
    spec: RouteSpec<undefined, Q>,
    handler: (ctx: RouteContext<undefined, Out<Q>>) => Promise<unknown>,
  ) {
    this.route('get', path, spec, handler);
  }
  post<B extends Schema | undefined = undefined>(
    path: string,
    spec: RouteSpec<B, undefined>,
    handler: (ctx: RouteContext<Out<B>, undefined>) => Promise<unknown>,
  ) {
    this.route('post', path, spec, handler);
  }
  put<B extends Schema | undefined = undefined>(
    path: string,
    spec: RouteSpec<B, undefined>,
    handler: (ctx: RouteContext<Out<B>, undefined>) => Promise<unknown>,
  ) {
    this.route('put', path, spec, handler);
  }
  patch<B extends Schema | undefined = undefined>(
    path: string,
    spec: RouteSpec<B, undefined>,
    handler: (ctx: RouteContext<Out<B>, undefined>) => Promise<unknown>,
  ) {
    this.route('patch', path, spec, handler);
  }
  delete<B extends Schema | undefined = undefined>(
    path: string,
    spec: RouteSpec<B, undefined>,
    handler: (ctx: RouteContext<Out<B>, undefined>) => Promise<unknown>,
  ) {
    this.route('delete', path, spec, handler);
  }
}

function parse(schema: Schema | undefined, input: unknown, t: TFunction): unknown {
  if (!schema) {
    // A route without a body schema takes no body at all (and no query when it has none).
    const empty =
      typeof input === 'object' &&
      input !== null &&
      !Array.isArray(input) &&
      Object.keys(input).length === 0;
    if (!empty) {
      throw new RequestError('invalid', 400, { _: t('field.unknown') });
    }
    return undefined;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new RequestError('invalid', 400, fieldErrors(parsed.error, t));
  return parsed.data;
}
