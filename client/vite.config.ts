import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { roomNamespaces } from '../server/protocol/languages.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // JSX through esbuild's automatic runtime: no Babel plugin needed.
  esbuild: { jsx: 'automatic' },
  // Translations as JSON.parse('…'): smaller than object literals, and faster for a phone to parse.
  json: { stringify: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Each entry's static imports, for measuring what a first page loads (bench/bundle.bench.ts).
    manifest: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // One chunk per language with the namespaces i18n.ts loads at start (one request, and one
        // gzip stream compresses them better than seventeen: ckb 36 kB, not 50), and one with the
        // live room's, loaded with the session page.
        manualChunks(id) {
          const [, language, namespace] =
            /[\\/]locales[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/.exec(id) ?? [];
          if (!language || !namespace) return undefined;
          return (roomNamespaces as readonly string[]).includes(namespace)
            ? `locale-${language}-room`
            : `locale-${language}`;
        },
      },
    },
  },
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
