/**
 * Lint, including the import rules that keep the layers apart (README "Layout"):
 * - src/domain is pure: no Taro, React, NutUI, wx-server-sdk, node:* or Node built-ins, no app
 *   modules, no functions, no local cloud; zod comes from src/domain/zod (its Chinese error map).
 * - the app (src/) never imports the functions or the local cloud;
 * - the functions never import the app's UI or the local cloud;
 * - the functions' layers (README "Layout"): use cases (lib/use-cases) never import each other nor the
 *   SDK's handles (`wx-server-sdk`, `cloud`, `db`); a lifecycle (lib/lifecycles: every move of an
 *   aggregate, through the domain's state machine) may be imported by use cases and imports none;
 *   stores and platform import neither. Only the order lifecycle writes an order's status.
 * - the local cloud (local/) is an emulator of CloudBase: it serves the bundles and knows no
 *   product, so it imports neither cloudfunctions/ nor src/ nor the demo. The demo (demo/) is the
 *   product's seed for it and the entry that hands it over: it takes the domain's rules, the
 *   store's pure id helpers, and the store's record types as types only.
 */
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'worker_threads',
  'url',
  'util',
  'stream',
  'zlib',
  'events',
  'buffer',
]

const group = (patterns, message, allowTypeImports = false) => ({ group: patterns, message, allowTypeImports })

const noFunctions = group(
  ['**/cloudfunctions/**', 'wx-server-sdk'],
  'The app never imports the cloud functions: call them through src/api.',
)
const noLocalCloud = group(['**/local/**', '!@/**'], 'Only tests and scripts import the local cloud.')
const noNode = group(['node:*', ...nodeBuiltins], 'src/domain is pure: no Node APIs (the app runs in WeChat).')
const noPlatform = group(
  ['@tarojs/*', 'react', 'react-dom', '@nutui/*', 'wx-server-sdk'],
  'src/domain is pure: no Taro, React, NutUI or wx-server-sdk.',
)
const noApp = group(
  ['@/api/*', '@/pages/*', '@/supplier/*', '@/operator/*', '@/components/*', '@/hooks/*', '@/persona', '@/persona/*'],
  'src/domain knows no app module.',
)
const noBareZod = { name: 'zod', message: "Import { z } from './zod' so every schema speaks Chinese.", allowTypeImports: true }

const restrict = (patterns, paths = []) => ['error', { patterns, paths }]

const functionsBase = [
  group(
    ['@tarojs/*', 'react', 'react-dom', '@nutui/*', '@/api/*', '@/pages/*', '@/supplier/*', '@/components/*', '@/hooks/*'],
    'Functions never import the app.',
  ),
  group(['**/local/**', '!@/**'], 'Functions never import the local cloud: it serves them.'),
]
const noSdk = group(['wx-server-sdk'], 'Only lib/platform talks to the SDK: call the store or a platform module.')
const noSdkHandles = {
  group: ['**/platform/cloud'],
  importNames: ['cloud', 'db', 'command'],
  message: "The SDK's handles stay in lib/store and lib/platform: call a store or a platform module (files, pay, messages).",
}
const noOtherUseCase = group(
  ['./*', '**/use-cases/**'],
  'A use case never imports another: share through lib/lifecycles, lib/store or the domain.',
)
const noUseCases = group(['**/use-cases/**'], 'Use cases sit on top: nothing below them imports one.')
const noLifecycles = group(['**/lifecycles/**'], 'Lifecycles sit on the stores and platform: these never import one.')
const noOrderMoves = {
  group: ['**/store/orders'],
  importNames: ['moveOrder', 'updateOrderIn'],
  message: 'Only lib/lifecycles/orders.ts moves an order, through the state machine (transition).',
}
const orderStatuses = '/^(pending_payment|paid|shipped|completed|cancelled)$/'
const movedStatuses = '/^(paid|shipped|completed|cancelled)$/'
const statusByHand = 'An order moves and is checked through the state machine (transition, paymentOpening) in lib/lifecycles/orders.ts.'

module.exports = {
  extends: ['taro/react', 'prettier'],
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
  },
  overrides: [
    {
      files: ['src/**/*.ts', 'src/**/*.tsx'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([noFunctions, noLocalCloud]) },
    },
    {
      files: ['src/domain/**/*.ts'],
      excludedFiles: ['src/domain/**/*.test.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([noFunctions, noLocalCloud, noNode, noPlatform, noApp], [noBareZod]) },
    },
    {
      files: ['src/domain/zod.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([noFunctions, noLocalCloud, noNode, noPlatform, noApp]) },
    },
    {
      files: ['cloudfunctions/**/*.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([...functionsBase, noOrderMoves]) },
    },
    {
      files: ['cloudfunctions/lib/use-cases/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict([...functionsBase, noOrderMoves, noSdk, noSdkHandles, noOtherUseCase]),
        'no-restricted-syntax': [
          'error',
          { selector: `BinaryExpression[right.value=${orderStatuses}]`, message: statusByHand },
          { selector: `BinaryExpression[left.value=${orderStatuses}]`, message: statusByHand },
          { selector: `Property[key.name='status'][value.value=${movedStatuses}]`, message: statusByHand },
        ],
      },
    },
    {
      files: ['cloudfunctions/lib/lifecycles/**/*.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([...functionsBase, noSdk, noSdkHandles, noUseCases]) },
    },
    {
      files: ['cloudfunctions/lib/store/**/*.ts', 'cloudfunctions/lib/platform/**/*.ts'],
      rules: { '@typescript-eslint/no-restricted-imports': restrict([...functionsBase, noUseCases, noLifecycles]) },
    },
    {
      files: ['local/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict([
          group(['**/cloudfunctions/**'], 'The local cloud serves the built functions and knows no product rule.'),
          group(['**/src/**', '@/*'], 'The local cloud knows no product rule.'),
          group(['**/demo/**', '**/demo'], 'The local cloud knows no product: the demo is handed to it as a seed hook by its entry.'),
        ]),
      },
    },
    {
      files: ['demo/**/*.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict([
          group(
            ['**/cloudfunctions/lib/store/*', '!**/cloudfunctions/lib/store/ids'],
            'Demo data takes the stored shapes as types only.',
            true,
          ),
          group(
            // A folder left out cannot be let back in below, so the way down to the allowed modules is.
            [
              '**/cloudfunctions/**',
              '!**/cloudfunctions/lib',
              '!**/cloudfunctions/lib/store',
              '!**/cloudfunctions/lib/store/*',
              '!**/cloudfunctions/lib/platform',
              '!**/cloudfunctions/lib/platform/ids',
              // The storage rule a local run evaluates, as the deployment declares it.
              '!**/cloudfunctions/storage.json',
            ],
            "Demo data takes nothing else from the functions than the store's and the platform's id helpers, and the storage rule.",
          ),
          group(
            ['**/src/*', '**/src/*/**', '!**/src/domain', '!**/src/domain/**', '@/*', '@/*/**', '!@/domain', '!@/domain/**'],
            "Demo data takes the domain's rules, nothing of the app.",
          ),
        ]),
      },
    },
  ],
}
