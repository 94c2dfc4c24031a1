/**
 * The Argo CD release every environment's cluster runs. Argo CD itself is installed once per cluster before the
 * bootstrap (docs/operations/first-deploy.md); the rendered Applications and AppProject are validated against the CRDs
 * of this release. 3.x tracks resources by annotation (`argocd.argoproj.io/tracking-id`), so charts that set
 * `app.kubernetes.io/instance` keep their own label and selectors.
 */
export const ARGOCD_VERSION = 'v3.5.7';
