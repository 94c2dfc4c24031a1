import type * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

/** What every component needs: the provider pinned to the environment's account and region. */
export interface Context {
  readonly provider: aws.Provider;
  readonly options: pulumi.CustomResourceOptions;
  readonly accountId: string;
  readonly region: string;
}
