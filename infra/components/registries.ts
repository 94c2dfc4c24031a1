import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import { repositoryNames } from '../naming.js';
import type { Context } from './context.js';

/** Untagged images (failed pushes, superseded digests) are removed after this many days. */
const UNTAGGED_IMAGE_DAYS = 14;

/**
 * One ECR repository per image: tags are immutable (a tag in a manifest means one image forever), every push is
 * scanned, images are encrypted at rest.
 */
export function registries(context: Context, config: EnvConfig): aws.ecr.Repository[] {
  return repositoryNames(config).map((name) => {
    const repository = new aws.ecr.Repository(
      `repository-${name}`,
      {
        name,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: 'AES256' }],
      },
      context.options,
    );
    new aws.ecr.LifecyclePolicy(
      `repository-${name}-lifecycle`,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `remove untagged images after ${UNTAGGED_IMAGE_DAYS} days`,
              selection: {
                tagStatus: 'untagged',
                countType: 'sinceImagePushed',
                countUnit: 'days',
                countNumber: UNTAGGED_IMAGE_DAYS,
              },
              action: { type: 'expire' },
            },
          ],
        }),
      },
      context.options,
    );
    return repository;
  });
}
