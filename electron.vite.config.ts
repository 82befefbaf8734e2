/**
 * electron-vite: three builds.
 * - main: src/main/index.ts → out/main/index.js (ESM, as package.json "type": "module").
 * - preload: src/preload/index.ts → out/preload/index.cjs, ONE CommonJS file with everything inlined:
 *   a sandboxed preload can `require('electron')` and nothing else (no local chunks, no node_modules).
 * - renderer: src/renderer/index.html (+ main.tsx) with React → out/renderer; Web Workers as ES modules
 *   (`new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })`).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/content-security-policy';

const root = fileURLToPath(new URL('.', import.meta.url));
const at = (path: string): string => resolve(root, path);

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** index.html's CSP meta tag always carries CONTENT_SECURITY_POLICY (the same string main and the HTTP server send). */
function contentSecurityPolicyMeta(): Plugin {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
  return {
    name: 'deribit-reconciler:csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => (CSP_META.test(html) ? html.replace(CSP_META, tag) : html.replace(/<head([^>]*)>/i, `<head$1>\n    ${tag}`)),
    },
  };
}

/**
 * Development only: @vitejs/plugin-react injects its Fast Refresh preamble as an inline module script,
 * which `script-src 'self'` (sent as a header by the Electron window) blocks. Serve such scripts as
 * files from the dev server instead, so the dev app runs under the same CSP as the packaged one.
 */
function inlineScriptsAsFilesInDev(): Plugin {
  const scripts = new Map<string, string>();
  return {
    name: 'deribit-reconciler:dev-inline-scripts',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<script type="module">([\s\S]*?)<\/script>/g, (_tag, code: string) => {
          const path = `/@dev-inline-script/${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
          scripts.set(path, code);
          return `<script type="module" src="${path}"></script>`;
        }),
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const code = req.url === undefined ? undefined : scripts.get(req.url);
        if (code === undefined) {
          next();
          return;
        }
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.end(code);
      });
    },
  };
}

/**
 * Main: puts back `with { type: 'json' }` on JSON imports left external (e.g. i18n-iso-countries/langs/en.json).
 * The bundler drops the attribute, and Node's ESM loader (Electron's main is ESM) then refuses the import
 * at start with ERR_IMPORT_ATTRIBUTE_MISSING. scripts/packaging-check.ts loads the shipped bundle to prove it.
 */
function jsonImportAttributes(): Plugin {
  return {
    name: 'deribit-reconciler:json-import-attributes',
    renderChunk: (code) => code.replace(/^(import\s[^;]*?\bfrom\s*["'][^"']+\.json["'])(?!\s*with\b)/gm, '$1 with { type: "json" }'),
  };
}

export default defineConfig({
  main: {
    plugins: [jsonImportAttributes()],
    build: {
      rolldownOptions: {
        input: { index: at('src/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // Bundle dependencies instead of leaving require() calls a sandboxed preload cannot satisfy.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: at('src/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          // Never split: everything in index.cjs.
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: at('src/renderer'),
    plugins: [react(), contentSecurityPolicyMeta(), inlineScriptsAsFilesInDev()],
    worker: { format: 'es' },
    build: {
      outDir: at('out/renderer'),
      // electron-vite leaves the renderer unminified; minified, the page and its worker parse sooner
      // (the Overview's cold first paint over 1M rows is timed from navigation start).
      minify: true,
      rolldownOptions: {
        input: { index: at('src/renderer/index.html') },
      },
    },
  },
});
