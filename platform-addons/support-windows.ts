/**
 * When support ends for each pinned version, with where that date comes from. `npm run validate` warns from 90 days
 * before a pinned version's end of support and fails after it (policies/rules/support-windows.ts); a pinned version
 * without a row here fails too, so a bump must bring its row.
 *
 * `endOfSupport: null` means the project publishes no date: the row says what ends it, to be checked on each bump.
 */
export interface SupportWindow {
  readonly product: SupportedProduct;
  /** The minor the window covers: of Kubernetes, of Argo CD, of each add-on's chart as the catalog pins it. */
  readonly minor: string;
  readonly endOfSupport: string | null;
  readonly source: string;
}

export type SupportedProduct =
  | 'kubernetes'
  | 'argo-cd'
  | 'keda'
  | 'velero'
  | 'kube-prometheus-stack'
  | 'aws-load-balancer-controller'
  | 'metrics-server'
  | 'external-secrets'
  | 'reloader';

export const SUPPORT_WINDOWS: readonly SupportWindow[] = [
  {
    product: 'kubernetes',
    minor: '1.35',
    endOfSupport: '2027-03-27',
    source:
      'Amazon EKS Kubernetes release calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html): 1.35 released on EKS 2026-01-28, end of standard support 2027-03-27',
  },
  {
    product: 'argo-cd',
    minor: '3.5',
    endOfSupport: '2027-05-03',
    source:
      'Argo CD release-process-and-cadence.md: only the three most recent minors get patches; 3.5 GA 2026-08-04, minors every first Monday of Feb/May/Aug/Nov, so 3.8 (GA ~2027-05-03) ends 3.5',
  },
  {
    product: 'keda',
    minor: '2.20',
    endOfSupport: '2027-03-27',
    source:
      'keda-docs operate/cluster.md: KEDA 2.20 is tested on Kubernetes v1.33–v1.35; its window closes with EKS standard support of 1.35, the newest minor it covers',
  },
  {
    product: 'velero',
    minor: '12.1',
    endOfSupport: '2027-03-27',
    source:
      'chart 12.1.0 ships Velero 1.18.1; velero README "Velero compatibility matrix": 1.18 tested on Kubernetes 1.33.7, 1.34.1 and 1.35.0; its window closes with EKS standard support of 1.35',
  },
  {
    product: 'kube-prometheus-stack',
    minor: '88.5',
    endOfSupport: null,
    source:
      'prometheus-community/helm-charts: no support policy; only the newest chart is maintained. 88.5.3 ships prometheus-operator v0.93.1 (Chart.yaml appVersion). Check on each bump.',
  },
  {
    product: 'aws-load-balancer-controller',
    minor: '3.5',
    endOfSupport: null,
    source: 'aws/eks-charts: no published end of support; 3.5.0 (2026-08-03) is the newest chart. Check on each bump.',
  },
  {
    product: 'metrics-server',
    minor: '3.13',
    endOfSupport: null,
    source:
      'metrics-server README "Compatibility Matrix": 0.8.x (chart 3.13) supports Kubernetes 1.31+; no published end of support',
  },
  {
    product: 'external-secrets',
    minor: '1.3',
    endOfSupport: null,
    source:
      'external-secrets docs introduction/stability-support.md: 1.3 (2026-01-23, tested on Kubernetes 1.34) is supported until the release of the next minor; v1.3.2 is the newest the Go module proxy serves here',
  },
  {
    product: 'reloader',
    minor: '2.2',
    endOfSupport: null,
    source:
      'stakater/Reloader: no published end of support; chart 2.2.16 (Reloader v1.4.21, 2026-08-10) is the newest in its repository. Check on each bump.',
  },
];
