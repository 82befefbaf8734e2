/**
 * `npm run browser`: starts browser mode on a fixed loopback port (the browser keeps the cache per
 * origin, so the port must stay the same between launches) with the demo account available, and
 * prints the URL to open.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDemoProvider } from '../demo/demo-simulator';
import { DEFAULT_BROWSER_PORT, defaultDataDir, startBrowserMode } from './browser-mode';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULT_BROWSER_PORT) },
    'data-dir': { type: 'string', default: defaultDataDir() },
    'no-demo': { type: 'boolean', default: false },
  },
});

const staticDir = resolve('out/renderer');
if (!existsSync(resolve(staticDir, 'index.html'))) {
  console.error('No renderer build found in out/renderer. Run `npm run build` first (or use `npm run browser`).');
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a number from 1 to 65535 (got ${values.port}).`);
  process.exit(1);
}

try {
  const app = await startBrowserMode({
    port,
    dataDir: values['data-dir'],
    staticDir,
    demo: values['no-demo'] ? undefined : createDemoProvider(),
  });
  console.log('Deribit Reconciler (browser mode) is running.');
  console.log(`Open this page in your browser (it signs in once and leaves no key in the browser's history):\n\n  ${await app.newLaunchFile()}\n`);
  console.log(`Data folder: ${values['data-dir']} (secrets.json there is readable by your user only).`);
  console.log('Each launch page works once. Press Enter for a new one, Ctrl+C to stop.');
  process.stdin.on('data', () => void app.newLaunchFile().then((page) => console.log(`\n  ${page}\n`)));
  process.stdin.on('error', () => undefined); // no terminal (e.g. started by a script): no new links, nothing else changes
  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use (is the app already running?). Stop it or pass --port <another>; note that the cache is kept per port.`);
  } else {
    console.error(`Could not start: ${(error as Error).message}`);
  }
  process.exit(1);
}
