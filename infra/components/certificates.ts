import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import type { Context } from './context.js';

/**
 * The TLS certificate of the api's Ingress, when env.yaml gives it one: issued by ACM for `api.ingress.host`,
 * validated through DNS records the operator adds to the zone of that host (output `certificateValidation`).
 */
export function ingressCertificate(context: Context, config: EnvConfig): aws.acm.Certificate | undefined {
  if (config.api.ingress.certificateArn === undefined) return undefined;
  return new aws.acm.Certificate(
    'ingress-certificate',
    { domainName: config.api.ingress.host, validationMethod: 'DNS', keyAlgorithm: 'RSA_2048' },
    { ...context.options, deleteBeforeReplace: false },
  );
}
