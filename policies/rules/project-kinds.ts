import type { GroupKind } from '../../platform-addons/chart-kinds.js';
import { CHART_KINDS } from '../../platform-addons/chart-kinds.js';
import type { RenderedObject, ValidationContext } from '../validate/rendered.js';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

type Scope = 'cluster' | 'namespaced';

interface DeployedKind extends GroupKind {
  readonly scope: Scope;
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/** An Argo CD directory include/exclude glob: `{a,b}` alternatives, `*` across folders, `?` one character. */
export function argoGlob(pattern: string): RegExp {
  const alternatives = /^\{(.*)\}$/.exec(pattern)?.[1]?.split(',') ?? [pattern];
  const toRegex = (glob: string) =>
    glob
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.');
  return new RegExp(`^(?:${alternatives.map(toRegex).join('|')})$`);
}

/** Argo CD's matching: `*` matches anything, otherwise exact. */
function matches(entries: readonly GroupKind[] | undefined, kind: GroupKind): boolean {
  return (entries ?? []).some(
    (e) => (e.group === '*' || e.group === kind.group) && (e.kind === '*' || e.kind === kind.kind),
  );
}

/** Whether an AppProject lets an Application create the kind, by Argo CD's white- and blacklist rules. */
export function projectPermits(projectSpec: any, kind: DeployedKind): boolean {
  if (kind.scope === 'cluster')
    return (
      matches(projectSpec?.clusterResourceWhitelist, kind) && !matches(projectSpec?.clusterResourceBlacklist, kind)
    );
  const whitelist: GroupKind[] | undefined = projectSpec?.namespaceResourceWhitelist;
  return (
    (whitelist === undefined || matches(whitelist, kind)) && !matches(projectSpec?.namespaceResourceBlacklist, kind)
  );
}

/** What an Application deploys: the rendered objects under its git path, or the kinds its chart deploys. */
function deployedKinds(ctx: ValidationContext, app: RenderedObject): DeployedKind[] | string {
  const source = app.object.spec?.source ?? {};
  if (source.chart !== undefined) {
    const kinds = CHART_KINDS[source.helm?.releaseName ?? source.chart];
    if (!kinds) return `chart ${source.chart} has no entry in platform-addons/chart-kinds.ts`;
    return [
      ...kinds.cluster.map((k) => ({ ...k, scope: 'cluster' as const })),
      ...kinds.namespaced.map((k) => ({ ...k, scope: 'namespaced' as const })),
    ];
  }
  const folder = `${String(source.path).replace(/\/$/, '')}/`;
  const { recurse, include, exclude } = source.directory ?? {};
  const selected = (relative: string) =>
    (recurse === true || !relative.includes('/')) &&
    (include === undefined || argoGlob(include).test(relative)) &&
    (exclude === undefined || !argoGlob(exclude).test(relative));
  return ctx.objects
    .filter((o) => o.file.startsWith(folder) && selected(o.file.slice(folder.length)))
    .map((o) => ({
      group: groupOf(o.object.apiVersion),
      kind: o.object.kind,
      scope: o.object.metadata.namespace === undefined ? ('cluster' as const) : ('namespaced' as const),
    }));
}

/** Every kind each Application deploys is permitted by its AppProject, cluster-scoped and namespaced alike. */
export const projectKinds: PolicyRule = {
  id: 'project-permits-kinds',
  description: "Each Application's AppProject permits every kind the Application deploys",
  check(ctx) {
    const projects = new Map(
      ctx.objects.filter((o) => o.object.kind === 'AppProject').map((o) => [o.object.metadata.name, o.object.spec]),
    );
    return ctx.objects
      .filter((o) => o.object.kind === 'Application')
      .flatMap((app) => {
        const projectName = String(app.object.spec?.project);
        const project = projects.get(projectName);
        if (project === undefined)
          return [finding(ctx, this.id, app, `its AppProject ${projectName} is not rendered`, 'render the AppProject')];
        const kinds = deployedKinds(ctx, app);
        if (typeof kinds === 'string')
          return [
            finding(ctx, this.id, app, kinds, 'list the kinds the chart deploys in platform-addons/chart-kinds.ts'),
          ];
        const refused = [
          ...new Map(
            kinds.filter((k) => !projectPermits(project, k)).map((k) => [`${k.scope} ${k.group}/${k.kind}`, k]),
          ).keys(),
        ];
        return refused.map((kind) =>
          finding(
            ctx,
            this.id,
            app,
            `deploys ${kind}, which AppProject ${projectName} does not permit: the sync would fail`,
            'permit the kind in the AppProject (generators/components/argocd.ts), or stop deploying it',
          ),
        );
      });
  },
};
