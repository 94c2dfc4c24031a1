// Changes to installed packages, kept as unified diffs in patches/ and applied after every install: package.json's
// postinstall, and the images' build stage (whose `npm ci --ignore-scripts` runs no script). A patch is named
// `<package>@<version>.patch` (a scope's "/" written "+") and holds diffs of files under that package's folder
// (`a/<path>`, `b/<path>`). No imports from the rest of the repository: the Dockerfile copies this folder alone
// before it runs it.
import fs from 'node:fs';
import path from 'node:path';
import { applyPatch, parsePatch, reversePatch } from 'diff';

export interface PatchName {
  readonly packageName: string;
  readonly version: string;
}

/** `kafkajs@2.2.4.patch` → kafkajs, 2.2.4; `@scope+name@1.0.0.patch` → @scope/name, 1.0.0. */
export function parsePatchName(fileName: string): PatchName {
  const match = /^(.+)@([^@]+)\.patch$/.exec(fileName);
  if (!match) throw new Error(`patches/${fileName}: a patch is named <package>@<version>.patch`);
  const packageName = match[1]!.replace('+', '/');
  // npm's own rule for a name (lower case, URL-safe, an optional scope), so the package folder stays in node_modules.
  if (!/^(?:@[a-z0-9~][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/.test(packageName))
    throw new Error(`patches/${fileName}: "${packageName}" is not an npm package name`);
  return { packageName, version: match[2]! };
}

export type FileOutcome = 'applied' | 'already applied';

export interface PatchedFile {
  readonly file: string;
  readonly outcome: FileOutcome;
}

/** The package-relative path a file diff names (`a/src/x.js` → `src/x.js`). */
function packagePath(fileName: string | undefined, patchFile: string): string {
  const relative = fileName?.replace(/^[ab]\//, '');
  if (!relative || relative === '/dev/null' || relative.split('/').includes('..'))
    throw new Error(`${patchFile}: every file diff must name a file inside the package (a/<path>, b/<path>)`);
  return relative;
}

/**
 * Applies one patch to the package installed in `packageDir`: every file as the patch leaves it, or nothing written
 * at all when any file is neither as published (the patch applies) nor as patched (the patch applies in reverse),
 * or when the installed version is not the patch's. A second run finds every file already patched and writes nothing.
 * `dryRun` reports without writing.
 */
export function applyPackagePatch(
  packageDir: string,
  patchFile: string,
  patchText: string,
  { dryRun = false }: { dryRun?: boolean } = {},
): PatchedFile[] {
  const { packageName, version } = parsePatchName(path.basename(patchFile));
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) throw new Error(`${patchFile}: ${packageName} is not installed (no ${manifest})`);
  const installed = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  if (installed !== version)
    throw new Error(
      `${patchFile}: ${packageName} ${installed} is installed, the patch is for ${version}: remake the patch for ` +
        `${installed} (or drop it if the release has the change)`,
    );
  const fileDiffs = parsePatch(patchText);
  if (fileDiffs.length === 0) throw new Error(`${patchFile}: no file diff in it`);
  const planned = fileDiffs.map((fileDiff) => {
    const file = packagePath(fileDiff.newFileName ?? fileDiff.oldFileName, patchFile);
    const target = path.join(packageDir, file);
    if (!fs.existsSync(target))
      throw new Error(`${patchFile}: ${packageName} ${version} has no ${file} (a patch changes files, it adds none)`);
    const current = fs.readFileSync(target, 'utf8');
    // Patched already is tested first: a forward diff can apply again to its own result (lines added at the end of
    // a file, say), and each answer must lead back to the current text.
    const reverse = reversePatch(fileDiff);
    const unpatched = applyPatch(current, reverse);
    if (unpatched !== false && applyPatch(unpatched, fileDiff) === current)
      return { file, target, text: current, outcome: 'already applied' as const };
    const patched = applyPatch(current, fileDiff);
    if (patched !== false && applyPatch(patched, reverse) === current)
      return { file, target, text: patched, outcome: 'applied' as const };
    throw new Error(
      `${patchFile}: ${file} of ${packageName} ${version} is neither as published nor as patched: reinstall the ` +
        `package (npm ci), or remake the patch if it was changed on purpose`,
    );
  });
  if (!dryRun)
    for (const { target, text, outcome } of planned) if (outcome === 'applied') fs.writeFileSync(target, text);
  return planned.map(({ file, outcome }) => ({ file, outcome }));
}

/** Every patch in `patchesDir` applied to the packages under `nodeModulesDir`. */
export function applyDependencyPatches(
  patchesDir: string,
  nodeModulesDir: string,
  options: { dryRun?: boolean } = {},
): { patch: string; files: PatchedFile[] }[] {
  const patches = fs.existsSync(patchesDir) ? fs.readdirSync(patchesDir).filter((f) => f.endsWith('.patch')) : [];
  return patches.sort().map((name) => {
    const patchFile = path.join(patchesDir, name);
    const { packageName } = parsePatchName(name);
    const files = applyPackagePatch(
      path.join(nodeModulesDir, packageName),
      patchFile,
      fs.readFileSync(patchFile, 'utf8'),
      options,
    );
    return { patch: name, files };
  });
}
