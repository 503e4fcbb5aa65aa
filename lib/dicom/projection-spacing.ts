/**
 * What a projection radiograph (CR, DX, mammography, XA) says about the size of its pixels beyond
 * Pixel Spacing: the spacing at the detector (Imager Pixel Spacing), the magnification the modality
 * estimated, the source distances, and how Pixel Spacing was calibrated (PS3.3 C.8.11.7, 10.7.1.3).
 * Top-level attributes only: these images are not enhanced multi-frame.
 */
import type { DicomFile } from './types';
import { TAG } from './tags';
import { num, numbers, str } from './values';

export interface ProjectionSpacing {
  /** (0018,1164), [row spacing, column spacing] at the detector, in mm. */
  imagerPixelSpacing: number[] | null;
  /** (0018,1114). */
  estimatedMagnification: number | null;
  /** (0018,1110) and (0018,1111), in mm. */
  distanceSourceToDetector: number | null;
  distanceSourceToPatient: number | null;
  /** (0028,0A02): GEOMETRY or FIDUCIAL when Pixel Spacing was calibrated. */
  pixelSpacingCalibrationType: string | null;
}

export function readProjectionSpacing(file: DicomFile): ProjectionSpacing {
  const ds = file.dataSet;
  return {
    imagerPixelSpacing: numbers(ds, TAG.ImagerPixelSpacing),
    estimatedMagnification: num(ds, TAG.EstimatedRadiographicMagnificationFactor),
    distanceSourceToDetector: num(ds, TAG.DistanceSourceToDetector),
    distanceSourceToPatient: num(ds, TAG.DistanceSourceToPatient),
    pixelSpacingCalibrationType: str(ds, TAG.PixelSpacingCalibrationType)?.trim() ?? null,
  };
}
