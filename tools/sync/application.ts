/** The parts of an Argo CD Application (argoproj.io/v1alpha1) that the check reads. */
export interface Application {
  readonly metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  readonly spec: {
    project?: string;
    source?: AppSource;
    sources?: AppSource[];
    destination?: { server?: string; name?: string; namespace?: string };
    syncPolicy?: {
      automated?: Record<string, unknown>;
      syncOptions?: string[];
      managedNamespaceMetadata?: NamespaceMetadata;
    };
  };
  readonly status?: {
    sync?: { status?: string; revision?: string; revisions?: string[] };
    health?: { status?: string; message?: string };
    conditions?: { type: string; message: string }[];
    resources?: AppResource[];
    operationState?: OperationState;
  };
  readonly operation?: unknown;
}

export interface AppSource {
  readonly repoURL?: string;
  readonly path?: string;
  readonly chart?: string;
  readonly targetRevision?: string;
}

export interface NamespaceMetadata {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface AppResource {
  readonly group?: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly status?: string;
  readonly health?: { status?: string; message?: string };
}

export interface SyncResultResource {
  readonly group?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly status?: string;
  readonly message?: string;
  readonly hookType?: string;
  readonly hookPhase?: string;
  readonly syncPhase?: string;
}

export interface OperationState {
  /** What was asked: a partial sync (self-heal, a selective sync) names its resources. */
  readonly operation?: { sync?: { resources?: { group?: string; kind: string; name: string }[] } };
  readonly phase?: string;
  readonly message?: string;
  readonly retryCount?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly syncResult?: { revision?: string; revisions?: string[]; resources?: SyncResultResource[] };
}

export function appSources(app: Pick<Application, 'spec'>): AppSource[] {
  return [app.spec.source, ...(app.spec.sources ?? [])].filter((s): s is AppSource => s !== undefined);
}

/** A chart Application's chart names (`keda`, ...), empty for an Application of plain folders. */
export function chartsOf(app: Pick<Application, 'spec'>): string[] {
  return appSources(app).flatMap((s) => (s.chart ? [s.chart] : []));
}

/** Whether every source of the Application is in the repository at `url` (the rehearsal repository). */
export function isFromRepository(app: Pick<Application, 'spec'>, url: string): boolean {
  const sources = appSources(app);
  return sources.length > 0 && sources.every((s) => s.repoURL === url && !s.chart);
}
