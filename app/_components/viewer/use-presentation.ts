import { useEffect, useState } from 'react';
import type { StoredPresentation } from './PresentationView';
import type { StackController } from './stack-controller';
import type { ViewerStudy } from './types';

/**
 * The presentation state chosen in the viewer (none at first), handed to the viewport's
 * controller with the way from a viewer image to the stored instance and frame it shows.
 */
export function usePresentation(study: ViewerStudy, controller: StackController | null) {
  const [presentation, setPresentation] = useState<StoredPresentation | null>(null);
  useEffect(() => {
    if (!controller) return;
    if (!presentation) {
      controller.showPresentation(null);
      return;
    }
    const uidOf = new Map(
      Object.entries(presentation.stored).map(([uid, instanceId]) => [String(instanceId), uid]),
    );
    const images = new Map(
      study.series.flatMap((series) => series.images).map((image) => [image.imageId, image]),
    );
    controller.showPresentation({
      state: presentation,
      locate: (imageId) => {
        const image = images.get(imageId);
        const sopInstanceUID = image && uidOf.get(image.instanceId);
        return image && sopInstanceUID ? { sopInstanceUID, frame: image.frame } : null;
      },
    });
  }, [controller, presentation, study]);
  return [presentation, setPresentation] as const;
}
