// The direction of dependencies between the top-level folders, enforced by ESLint's `no-restricted-imports`:
//
//   config ← platform-addons ← generators ← diff
//   config ← platform-addons ← policies   ← diff
//   config ← infra ← diff (the monthly cost of a change: infra/cost is a pure function of the config)
//   services ship alone (they read their settings from the environment, not from config/)
//   services/**/settings-contract.ts → generators (the one way in: see SETTINGS_CONTRACTS below)
//
// config/ imports nothing of the project; policies/ never imports generators/ (an independent check must not share
// the code it checks); only diff/ sees both. docs/architecture.md draws the picture.

/**
 * A service declares its settings once, as plain data in `settings-contract.ts` files that import nothing but each
 * other: the service reads its environment through them and the generators render ConfigMaps from them, so a key
 * cannot be spelt two ways. They live in services/ because they ship with the reader; generators/ may import exactly
 * these files (the data, never a reader), and the files themselves may import nothing else (no runtime dependency
 * reaches the render through them).
 */
const SETTINGS_CONTRACTS = 'settings-contract\\.js';

/** Folders each folder must not import, and why. */
const FORBIDDEN = {
  config: {
    folders: ['generators', 'policies', 'diff', 'platform-addons', 'services', 'tools', 'loadtests', 'infra'],
    why: 'config/ is the root of the dependency graph: everything imports it, it imports none of them',
  },
  'platform-addons': {
    folders: ['generators', 'policies', 'diff', 'services', 'tools', 'infra'],
    why: 'the add-on catalog is data on the config side: it may import config/ only',
  },
  generators: {
    folders: ['policies', 'diff', 'services', 'tools', 'infra'],
    why: 'generators/ renders from config/ and platform-addons/; the checks and the diff build on it, not the reverse',
    // The services' settings declarations: what the render writes into ConfigMaps (SETTINGS_CONTRACTS above).
    mayImportFiles: { services: SETTINGS_CONTRACTS },
  },
  policies: {
    folders: ['generators', 'diff', 'services', 'tools', 'infra'],
    why: 'policies/ checks the rendered output independently: it must not share the generators’ code (take names and paths from config/)',
  },
  diff: {
    folders: ['services', 'tools'],
    why: 'diff/ compares rendered output (generators/, policies/) and prices it (infra/cost); it does not depend on what ships or on local tooling',
  },
  infra: {
    folders: ['generators', 'policies', 'diff', 'services', 'tools'],
    why: 'infra/ is sized from config/ (and platform-addons/), never from the manifests’ code',
    // The cross-check of rendered manifests against the infrastructure renders manifests in its tests.
    testsMayImport: ['generators'],
  },
  loadtests: {
    folders: ['generators', 'policies', 'diff', 'tools', 'infra', 'config'],
    why: 'a load profile runs in an image; it may share the services’ event contract, nothing else',
  },
  services: {
    // config/ is forbidden whole: a service reads its settings from environment variables, never from env.yaml.
    folders: ['tools', 'generators', 'policies', 'diff', 'infra', 'loadtests', 'config'],
    why: 'services/ holds what ships in an image; local harnesses and demos live in tools/',
    testsMayImport: ['tools', 'generators', 'policies', 'diff', 'infra', 'loadtests', 'config'],
  },
};

// A file `depth` folders below the root reaches a top-level folder with exactly `depth` `../` segments, so the
// pattern names that folder and not a same-named folder inside (infra/policies/ is not policies/).
const MAX_DEPTH = 8;

function restriction(folder, depth, forbidden) {
  const { why, mayImportFiles = {} } = FORBIDDEN[folder];
  // A forbidden folder with files that may be imported all the same: the pattern skips paths ending in their name.
  const except = Object.keys(mayImportFiles).length > 0 ? ' (but its settings-contract.ts files)' : '';
  const target = (f) => (mayImportFiles[f] ? `${f}(/(?!(.*/)?${mayImportFiles[f]}$)|$)` : `${f}(/|$)`);
  return [
    'error',
    {
      patterns: [
        {
          regex: `^(\\.\\./){${depth}}(${forbidden.map(target).join('|')})`,
          message: `${folder}/ must not import ${forbidden.join(', ')}${except}: ${why}.`,
        },
      ],
    },
  ];
}

/** A settings declaration imports other declarations only, so importing one never pulls a runtime dependency along. */
const settingsContractsImportOnlyEachOther = {
  files: ['services/**/settings-contract.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?!\\.{1,2}/(.*/)?${SETTINGS_CONTRACTS}$)`,
            message: 'a settings-contract.ts imports only other settings-contract.ts files: the render imports them.',
          },
        ],
      },
    ],
  },
};

/**
 * Config blocks per folder and depth, then for the tests of a folder that may import more. services/ is a separate
 * switch while services/ is being reorganised: `enforceServices: true` turns it on.
 */
export function importBoundaries({ enforceServices }) {
  const folders = Object.keys(FORBIDDEN).filter((f) => f !== 'services' || enforceServices);
  const folderBlocks = folders.flatMap((folder) => {
    const { folders: forbidden, testsMayImport = [] } = FORBIDDEN[folder];
    const forbiddenInTests = forbidden.filter((f) => !testsMayImport.includes(f));
    return Array.from({ length: MAX_DEPTH }, (_, index) => {
      const files = `${folder}/${'*/'.repeat(index)}`;
      const blocks = [
        { files: [`${files}*.ts`], rules: { 'no-restricted-imports': restriction(folder, index + 1, forbidden) } },
      ];
      if (testsMayImport.length > 0) {
        blocks.push({
          files: [`${files}*.test.ts`],
          rules: {
            'no-restricted-imports':
              forbiddenInTests.length > 0 ? restriction(folder, index + 1, forbiddenInTests) : 'off',
          },
        });
      }
      return blocks;
    }).flat();
  });
  // Last: for these files it replaces the services/ block (and is stricter than it).
  return enforceServices ? [...folderBlocks, settingsContractsImportOnlyEachOther] : folderBlocks;
}
