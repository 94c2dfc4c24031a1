import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { importBoundaries } from './import-boundaries.js';

/** The boundary rules alone, on source text placed at a path of the repository (no file is written). */
async function boundaryErrors(file: string, source: string, enforceServices = false): Promise<string[]> {
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...importBoundaries({ enforceServices }),
    ],
  });
  const [result] = await eslint.lintText(source, { filePath: `${repoRoot}/${file}` });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  it('fails policies/ importing the generators’ code it checks', async () => {
    const errors = await boundaryErrors(
      'policies/validate/connectivity.ts',
      "import { platformLabels } from '../../generators/render/labels.js';\n",
    );
    expect(errors).toStrictEqual([
      expect.stringMatching(/^no-restricted-imports: .*policies\/ must not import generators, .*independently/),
    ]);
  });

  it('fails config/ importing anything of the project outside config/', async () => {
    const errors = await boundaryErrors(
      'config/sections/network.ts',
      "import { ADDONS } from '../../platform-addons/catalog.js';\nimport { x } from '../../generators/render/x.js';\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('fails generators/ importing the diff or the policies', async () => {
    expect(await boundaryErrors('generators/render/x.ts', "import { y } from '../../diff/compare.js';\n")).toHaveLength(
      1,
    );
    expect(await boundaryErrors('generators/render/x.ts', "import { y } from '../../policies/a.js';\n")).toHaveLength(
      1,
    );
  });

  it('lets each folder import what sits below it', async () => {
    expect(
      await boundaryErrors('diff/compare.ts', "import { a } from '../policies/validate/connectivity.js';\n"),
    ).toStrictEqual([]);
    expect(
      await boundaryErrors(
        'policies/validate/x.ts',
        "import { a } from '../../config/paths.js';\nimport { b } from './tools.js';\n",
      ),
    ).toStrictEqual([]);
    expect(
      await boundaryErrors('generators/render/x.ts', "import { a } from '../../platform-addons/catalog.js';\n"),
    ).toStrictEqual([]);
  });

  it('tells a top-level folder from a same-named folder inside another (infra/policies/ is not policies/)', async () => {
    expect(await boundaryErrors('infra/components/x.ts', "import { a } from '../policies/index.js';\n")).toStrictEqual(
      [],
    );
    expect(
      await boundaryErrors('infra/components/x.ts', "import { a } from '../../policies/rules/index.js';\n"),
    ).toHaveLength(1);
    expect(await boundaryErrors('infra/index.ts', "import { a } from '../generators/render/run.js';\n")).toHaveLength(
      1,
    );
  });

  it('lets the tests of infra/ render manifests, but not infra/ itself', async () => {
    const source = "import { environmentOutputs } from '../../generators/render/outputs.js';\n";
    expect(await boundaryErrors('infra/policies/references.test.ts', source)).toStrictEqual([]);
    expect(await boundaryErrors('infra/policies/references.ts', source)).toHaveLength(1);
    expect(
      await boundaryErrors('infra/policies/references.test.ts', "import { a } from '../../policies/rules/index.js';\n"),
    ).toHaveLength(1);
  });

  it('lets generators/ import the services’ settings declarations, and nothing else of services/', async () => {
    const declaration = "import { API_SETTINGS } from '../../services/api/settings-contract.js';\n";
    const reader = "import { readApiSettings } from '../../services/api/settings.js';\n";
    expect(await boundaryErrors('generators/components/api.ts', declaration)).toStrictEqual([]);
    expect(await boundaryErrors('generators/components/api.ts', reader)).toStrictEqual([
      expect.stringMatching(/generators\/ must not import .*services.* \(but its settings-contract\.ts files\)/),
    ]);
  });

  it('keeps a settings declaration free of anything but other declarations, so the render pulls in no runtime', async () => {
    const file = 'services/api/settings-contract.ts';
    const shared = "import { KAFKA_CONNECTION_SETTINGS } from '../shared/kafka/settings-contract.js';\n";
    expect(await boundaryErrors(file, shared, true)).toStrictEqual([]);
    expect(await boundaryErrors(file, "import pg from 'pg';\n", true)).toStrictEqual([
      expect.stringMatching(/a settings-contract\.ts imports only other settings-contract\.ts files/),
    ]);
    expect(await boundaryErrors(file, "import { x } from '../shared/runtime/database.js';\n", true)).toHaveLength(1);
  });

  it('keeps services/ out of tools/ once switched on, tests exempt', async () => {
    const source = "import { loadStackSettings } from '../../tools/stack/stack.js';\n";
    expect(await boundaryErrors('services/db/cli.ts', source, false)).toStrictEqual([]);
    expect(await boundaryErrors('services/db/cli.ts', source, true)).toStrictEqual([
      expect.stringMatching(/services\/ must not import tools, /),
    ]);
    expect(await boundaryErrors('services/db/migrate.int.test.ts', source, true)).toStrictEqual([]);
  });
});
