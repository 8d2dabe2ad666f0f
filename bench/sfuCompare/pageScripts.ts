// The bench's browser code, bundled with esbuild: the probe every page gets before its own
// scripts, and the demo client page, served from 127.0.0.1 (a secure context for getUserMedia).
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../server/platform/paths.ts';

async function bundle(file: string): Promise<string> {
  const result = await build({
    entryPoints: [join(projectRoot, 'bench', 'sfuCompare', file)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface PageScripts {
  /** For `context.addInitScript({ content })`. */
  probe: string;
  /** Base URL of the demo client page; add ?ws=…&roomId=…&peerId=… */
  demoPageUrl: string;
  close(): Promise<void>;
}

export async function servePageScripts(): Promise<PageScripts> {
  const [probe, demoPage] = await Promise.all([bundle('probe.ts'), bundle('demoPage.ts')]);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>mediasoup-demo bench client</title></head><body><script src="/demo-page.js"></script></body></html>`;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/demo-page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(demoPage);
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    probe,
    demoPageUrl: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
