import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';
import { podTemplates } from '../validate/rendered.js';

/** True when an image reference names a tag other than latest, or a digest. */
export function isPinned(image: string): boolean {
  if (/@sha256:[a-f0-9]{64}$/.test(image)) return true;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon !== -1 && lastSegment.slice(colon + 1) !== 'latest';
}

export const pinnedImages: PolicyRule = {
  id: 'image-pinned',
  description: 'Every image is pinned by a tag other than latest, or by a digest',
  check(ctx) {
    return podTemplates(ctx.objects).flatMap(({ owner, template }) =>
      [...(template?.spec?.containers ?? []), ...(template?.spec?.initContainers ?? [])]
        .filter((c: any) => !isPinned(String(c.image)))
        .map((c: any) =>
          finding(
            ctx,
            this.id,
            owner,
            `container ${c.name} runs '${c.image}', which is not pinned`,
            'pin a version tag (not latest) or a digest in env.yaml',
          ),
        ),
    );
  },
};
