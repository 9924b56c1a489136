// @ts-check
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'module', 'worker_threads'];

/** Layer rules (ARCHITECTURE.md): who may import what. */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', '.electron-native/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'no-console': 'error',
    },
  },
  layer(
    ['src-shared/**'],
    [...nodeBuiltins, 'electron', 'vue', 'pinia', '@tensorflow/*', 'better-sqlite3', 'ws', '**/src-main/**', '**/src-renderer/**'],
    'src-shared is pure TypeScript: no platform, UI, compute or storage imports.',
  ),
  layer(
    ['src-renderer/**'],
    [...nodeBuiltins, 'electron', '@tensorflow/*', 'better-sqlite3', 'ws', '**/src-main/**'],
    'The renderer talks to the host only through the contract (src-renderer/src/api).',
  ),
  layer(
    ['src-main/trainer/**'],
    ['electron', 'better-sqlite3', 'ws', '**/host/**', '**/store/**', '**/server/**', '**/cli/**', '**/electron/**'],
    'The trainer process imports no Electron and none of the host: it talks to the host by messages only.',
  ),
  layer(
    ['src-main/host/**', 'src-main/store/**', 'src-main/server/**', 'src-main/cli/**'],
    ['electron', '**/electron/**', '**/src-renderer/**'],
    'Host services run under Electron, serve mode and the CLI alike: no Electron imports outside src-main/electron, index.ts and preload.',
  ),
  {
    // Raw IPC lives in exactly one file per side.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/ipc-bridge.ts', 'src-main/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='electron'] > ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          message: 'Use the contract: raw ipcMain/ipcRenderer belong in electron/ipc-bridge.ts and preload/index.ts only.',
        },
      ],
    },
  },
  {
    files: ['src-renderer/src/**/*.{ts,vue}'],
    ignores: ['src-renderer/src/api/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'WebSocket', message: 'Only src-renderer/src/api touches the transport.' }],
      'no-restricted-properties': ['error', { object: 'window', property: 'latentLab', message: 'Only src-renderer/src/api touches the transport.' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src-main/cli/**', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
