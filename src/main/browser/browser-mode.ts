/**
 * Browser mode: the main-process services behind the loopback HTTP transport, serving the renderer
 * build to any browser. Used by `npm run browser`, the end-to-end tests and the benchmark.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createFileSecretStore } from '../secrets/file-secret-store';
import { createPassphraseSecretStore, type ScryptParams } from '../secrets/passphrase-secret-store';
import { createMainServices, type DemoProvider, type MainServicesOptions } from '../services/main-services';
import { startHttpTransport } from '../transports/http-transport';

export const DEFAULT_BROWSER_PORT = 5180;

export interface BrowserModeOptions {
  readonly port?: number;
  readonly dataDir?: string;
  readonly staticDir?: string;
  readonly demo?: DemoProvider;
  readonly version?: string;
  /** Tests only: a faster limiter and retry policy. Never a user setting. */
  readonly clientOverrides?: MainServicesOptions['clientOverrides'];
  /** Tests only: secrets under a passphrase, as the desktop app keeps them without an OS keyring. */
  readonly passphraseSecrets?: { readonly scrypt?: ScryptParams };
}

export interface BrowserMode {
  /**
   * A URL to open, with a one-time launch token in its fragment: the page trades it for an HttpOnly
   * session cookie, so the link in the browser's history is spent. Each read mints a new link.
   */
  readonly url: string;
  /** A one-time launch page (file:// URL) that signs the browser in with no token in any address (http-transport.ts). */
  newLaunchFile(): Promise<string>;
  readonly origin: string;
  /** Bearer token for programmatic clients in this process (benchmarks, tests); never given to a browser. */
  readonly apiToken: string;
  close(): Promise<void>;
}

export function defaultDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'deribit-reconciler-browser');
}

export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const services = createMainServices({
    mode: 'browser',
    version: options.version ?? '0.1.0',
    dataDir,
    secretStore: options.passphraseSecrets
      ? createPassphraseSecretStore({
          filePath: join(dataDir, 'secrets.passphrase.json'),
          scrypt: options.passphraseSecrets.scrypt,
          explanation: 'No OS keyring was found on this computer. Your API secrets are therefore encrypted with a passphrase you type once each time the app starts.',
        })
      : await createFileSecretStore(join(dataDir, 'secrets.json')),
    demo: options.demo,
    clientOverrides: options.clientOverrides,
  });
  const transport = await startHttpTransport({
    handlers: services.handlers,
    staticDir: options.staticDir ?? resolve('out/renderer'),
    host: '127.0.0.1',
    port: options.port ?? DEFAULT_BROWSER_PORT,
  });
  services.setEmitter(transport.emit);
  const origin = transport.url.replace(/\/+$/, '');
  return {
    get url() {
      return transport.newLaunchUrl();
    },
    newLaunchFile: () => transport.newLaunchFile(),
    origin,
    apiToken: transport.token,
    async close() {
      await transport.close();
      await services.close();
    },
  };
}
