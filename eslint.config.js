// Lint: typescript-eslint's recommended rules plus the project's layering:
// src/core imports no electron, DOM-only code, Dexie or React; raw ipcMain/ipcRenderer only in transports.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const coreBans = {
  paths: [
    { name: 'electron', message: 'src/core must stay free of Electron: inject what it needs.' },
    { name: 'dexie', message: 'src/core must stay free of Dexie: take a store interface instead.' },
    { name: 'react', message: 'src/core is UI-free.' },
    { name: 'react-dom', message: 'src/core is UI-free.' },
  ],
  patterns: [
    { group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'src/core must not depend on app layers.' },
  ],
};

const electronIpcBan = {
  paths: [
    {
      name: 'electron',
      importNames: ['ipcMain', 'ipcRenderer'],
      message: 'Raw ipcMain/ipcRenderer only in src/main/transports/ipc-transport.ts and src/preload/index.ts.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronIpcBan],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', coreBans],
      // DOM globals are not declared for core, so `no-undef`-style checks come from tsc's lib; ban the obvious ones.
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    files: ['src/main/transports/ipc-transport.ts', 'src/preload/index.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
