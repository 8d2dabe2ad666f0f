// What a browser must download before a family's first page is usable, measured from the real
// Vite build's manifest (client/dist/.vite/manifest.json, `build.manifest: true`): the entry chunk
// and everything it imports statically, the route's lazy chunk and its static imports, and the
// translation chunks i18n.ts loads at start for one language. Each distinct file counted once,
// gzip level 9 (what a server or CDN serves). The manifest rather than a page load: the figure is
// exact and the same on every run, and it needs no database, session or browser; it counts
// modulepreloads too, which a browser fetches whether or not the page needs them yet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../../server/platform/paths.ts';
import { clientNamespaces, roomNamespaces } from '../../server/protocol/languages.ts';

export const distDir = join(projectRoot, 'client', 'dist');
const manifestFile = join(distDir, '.vite', 'manifest.json');

interface Chunk {
  file: string;
  src?: string;
  name?: string;
  imports?: string[];
  isEntry?: boolean;
  dynamicImports?: string[];
}
type Manifest = Record<string, Chunk>;

/**
 * The first pages a family opens, each with the lazy module its route loads (if any). The live
 * page is usable at its device check; the room (mediasoup-client, the chat) loads behind it, and
 * `withLater` adds what the route loads on demand, to report the weight of being in the room too.
 */
export const firstPages: readonly { page: string; route?: string; withLater?: boolean }[] = [
  { page: '/' },
  { page: '/groups', route: 'src/features/groups/CataloguePage.tsx' },
  { page: '/sign-up', route: 'src/features/account/SignUpPage.tsx' },
  { page: '/referral', route: 'src/features/referrals/ReferralLinkPage.tsx' },
  { page: '/sessions/:id', route: 'src/features/live/SessionPage.tsx' },
  {
    page: '/sessions/:id in the room',
    route: 'src/features/live/SessionPage.tsx',
    withLater: true,
  },
];

export const LIMIT_KB = 200;

export interface PageWeight {
  page: string;
  /** gzip kB (1000 bytes) of every JS file loaded before the page is usable. */
  gzipKb: number;
  files: number;
}

export function readManifest(): Manifest {
  if (!existsSync(manifestFile))
    throw new Error(`no ${manifestFile}: build the client (npm run build) first`);
  return JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
}

/** The files a module needs before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, into: Set<string>) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the client build's manifest`);
  if (into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, into);
}

/**
 * A module's chunk: keyed by the module when it is the chunk's facade, else (when Rollup shares
 * the chunk, or manualChunks names it) the chunk named after the module or its language.
 */
function chunkOf(manifest: Manifest, module: string): string | undefined {
  if (module in manifest) return module;
  const [, locale, namespace] = /^\.\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(module) ?? [];
  const room = (roomNamespaces as readonly string[]).includes(namespace ?? '');
  const name = locale
    ? `locale-${locale}${room ? '-room' : ''}`
    : module.replace(/^.*\//, '').replace(/\.tsx?$/, '');
  const named = Object.entries(manifest).filter(([, chunk]) => chunk.name === name);
  if (named.length > 1) throw new Error(`more than one chunk is named ${name}`);
  return named[0]?.[0];
}

const gzipCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

/**
 * Each first page's weight for a family whose language is `language`: i18next loads every client
 * namespace of that language (and no fallback language: client/src/app/i18n.ts).
 */
export function measureFirstPages(language = 'so', manifest = readManifest()): PageWeight[] {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('the client build has no entry chunk');
  const localeKeys = (room: boolean) =>
    clientNamespaces
      .filter((ns) => room || !(roomNamespaces as readonly string[]).includes(ns))
      .map((ns) => `../locales/${language}/${ns}.json`);
  return firstPages.map(({ page, route, withLater }) => {
    const files = new Set<string>();
    closure(manifest, entry, files);
    if (route) {
      const key = chunkOf(manifest, route);
      // A route without a chunk of its own is imported statically: it is in the entry already.
      if (key) {
        closure(manifest, key, files);
        const later = withLater ? (manifest[key]?.dynamicImports ?? []) : [];
        for (const module of later) closure(manifest, module, files);
      } else if (!existsSync(join(projectRoot, 'client', route)))
        throw new Error(`${page}: no ${route} in client/`);
    }
    // The live room's words come with the session page only (client/src/app/i18n.ts).
    for (const key of localeKeys(page.startsWith('/sessions'))) {
      closure(manifest, chunkOf(manifest, key) ?? key, files);
    }
    const bytes = [...files].reduce((sum, file) => sum + gzipBytes(file), 0);
    return { page, gzipKb: Math.round(bytes / 100) / 10, files: files.size };
  });
}
