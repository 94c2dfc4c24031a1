import { ARGOCD_VERSION } from '../../platform-addons/argocd.js';
import { ADDONS } from '../../platform-addons/catalog.js';
import type { CrdSource } from '../../platform-addons/catalog.js';

/** Argo CD is the bootstrap, not an add-on of the catalog; its CRDs (Application, AppProject) are validated too. */
export const ARGOCD_CRDS: CrdSource = {
  module: 'github.com/argoproj/argo-cd/v3',
  version: ARGOCD_VERSION,
  dir: 'manifests/crds',
};

/** Kubernetes' own OpenAPI documents, from the kubernetes/kubernetes module at the version an environment targets. */
export const KUBERNETES_MODULE = 'k8s.io/kubernetes';
export const KUBERNETES_OPENAPI_DIR = 'api/openapi-spec/v3';

/** Bump when the conversion changes, so cached schemas are rebuilt. */
export const SCHEMA_FORMAT = 2;

export function crdSources(): CrdSource[] {
  return [...ADDONS.flatMap((a) => (a.crds ? [a.crds] : [])), ARGOCD_CRDS];
}
