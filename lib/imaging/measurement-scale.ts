/**
 * How far apart a frame's pixels are, for measuring, and how that is known. A cross-section (CT,
 * MR: it has a plane in the patient) measures with its Pixel Spacing. A projection radiograph has
 * no such plane, and its spacing is usually that of the detector, where the body is magnified:
 * the rules are Cornerstone3D's (`calculateRadiographicPixelSpacing`, after PS3.3 10.7.1.3), and
 * the calibration names the label its units carry (`mm Proj`: at the detector; `mm ERMF`:
 * corrected for the estimated magnification; `mm Calibrated`: against a fiducial; `mm Unknown`:
 * Pixel Spacing of a radiograph that does not say how it was found). The viewer and the server's
 * check of signed measurements both measure with this.
 */
import type { FrameMetadata, ProjectionSpacing } from '../dicom';

type SpacingCalibration = '' | 'Proj' | 'ERMF' | 'Calibrated' | 'Unknown';

export interface MeasurementScale {
  /** [row spacing, column spacing] in mm, or null: measure in pixels. */
  spacing: [number, number] | null;
  calibration: SpacingCalibration;
}

function valid(spacing: number[] | null): [number, number] | null {
  return spacing?.length === 2 && spacing.every((value) => value > 0)
    ? [spacing[0]!, spacing[1]!]
    : null;
}

/** The magnification to divide the detector spacing by, or 'applied' when Pixel Spacing already has. */
function magnification(
  projection: ProjectionSpacing,
  pixelSpacing: [number, number] | null,
  imager: [number, number],
): number | 'applied' | null {
  const { estimatedMagnification: ermf, distanceSourceToDetector: sid } = projection;
  const sod = projection.distanceSourceToPatient;
  if (ermf !== null && ermf > 1) return ermf;
  if (sid !== null && sod !== null && sod > 0 && sod < sid) return sid / sod;
  if (pixelSpacing && imager[0] > pixelSpacing[0]) return 'applied';
  return null;
}

export function measurementScale(
  frame: Pick<FrameMetadata, 'pixelSpacing' | 'imagePositionPatient' | 'imageOrientationPatient'>,
  projection: ProjectionSpacing,
): MeasurementScale {
  const pixelSpacing = valid(frame.pixelSpacing);
  const crossSection =
    frame.imagePositionPatient?.length === 3 && frame.imageOrientationPatient?.length === 6;
  if (crossSection) return { spacing: pixelSpacing, calibration: '' };
  const calibrated = projection.pixelSpacingCalibrationType;
  if (pixelSpacing && calibrated === 'GEOMETRY')
    return { spacing: pixelSpacing, calibration: 'ERMF' };
  if (pixelSpacing && calibrated === 'FIDUCIAL')
    return { spacing: pixelSpacing, calibration: 'Calibrated' };
  const imager = valid(projection.imagerPixelSpacing);
  if (imager) {
    const factor = magnification(projection, pixelSpacing, imager);
    if (typeof factor === 'number')
      return { spacing: [imager[0] / factor, imager[1] / factor], calibration: 'ERMF' };
    if (factor === 'applied') return { spacing: pixelSpacing, calibration: 'ERMF' };
    return { spacing: pixelSpacing ?? imager, calibration: 'Proj' };
  }
  return pixelSpacing
    ? { spacing: pixelSpacing, calibration: 'Unknown' }
    : { spacing: null, calibration: '' };
}

/** The unit a length (or, with `area`, an area) is shown in, as the viewer labels it. */
export function measurementUnit(scale: MeasurementScale, area = false): string {
  const base = scale.spacing ? 'mm' : 'px';
  const unit = area ? `${base}²` : base;
  return scale.spacing && scale.calibration ? `${unit} ${scale.calibration}` : unit;
}
