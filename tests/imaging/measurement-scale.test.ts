/**
 * The measuring scale of a frame: a cross-section measures with its Pixel Spacing; a projection
 * radiograph with its spacing at the detector (labelled Proj), corrected for the estimated
 * magnification (ERMF) where the file gives one, or as calibrated; with none, in pixels. Real
 * files are read with lib/dicom and their spacings checked against DCMTK's dcmdump; the rules
 * without a real file are worked through on their attributes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseDicom,
  readFrameMetadata,
  readProjectionSpacing,
  type ProjectionSpacing,
} from '../../lib/dicom';
import { measurementScale, measurementUnit } from '../../lib/imaging';
import { dcmdumpValue } from '../support/dcmdump';
import { sharedDicomDir } from '../support/paths';

function scaleOf(file: string) {
  const dicom = parseDicom(readFileSync(file), { file });
  return measurementScale(readFrameMetadata(dicom, 0), readProjectionSpacing(dicom));
}

const spacing = (file: string, tag: string) =>
  dcmdumpValue(file, tag).split('\\').map(Number) as [number, number];

const none: ProjectionSpacing = {
  imagerPixelSpacing: null,
  estimatedMagnification: null,
  distanceSourceToDetector: null,
  distanceSourceToPatient: null,
  pixelSpacingCalibrationType: null,
};
const radiograph = { imagePositionPatient: null, imageOrientationPatient: null };

describe('the measuring scale of real files', () => {
  it('measures a CT slice with its Pixel Spacing, unlabelled', () => {
    const ct = path.join(sharedDicomDir, 'dcmqi', 'ct-3slice', '01.dcm');
    const scale = scaleOf(ct);
    expect(scale).toEqual({ spacing: spacing(ct, '0028,0030'), calibration: '' });
    expect(measurementUnit(scale)).toBe('mm');
    expect(measurementUnit(scale, true)).toBe('mm²');
  });

  it('measures a CR with only Imager Pixel Spacing at the detector', () => {
    const cr = path.join(sharedDicomDir, 'pydicom', 'dicomdirtests', '77654033', 'CR3', '6278');
    expect(dcmdumpValue(cr, '0028,0030')).toBe('');
    const scale = scaleOf(cr);
    expect(scale).toEqual({ spacing: spacing(cr, '0018,1164'), calibration: 'Proj' });
    expect(measurementUnit(scale)).toBe('mm Proj');
    expect(measurementUnit(scale, true)).toBe('mm² Proj');
  });

  it('measures a DX whose Pixel Spacing is its detector spacing as at the detector', () => {
    const dx = path.join(sharedDicomDir, 'pylibjpeg-data', '966_fixed.dcm');
    expect(scaleOf(dx)).toEqual({ spacing: spacing(dx, '0028,0030'), calibration: 'Proj' });
  });

  it('measures a radiograph that gives no spacing in pixels', () => {
    const cr = path.join(sharedDicomDir, 'dwv-gdcm', 'gdcm-CR-MONO1-10-chest.dcm');
    const scale = scaleOf(cr);
    expect(scale).toEqual({ spacing: null, calibration: '' });
    expect(measurementUnit(scale)).toBe('px');
  });
});

describe('the rules for projection radiographs', () => {
  const imager = { ...none, imagerPixelSpacing: [0.2, 0.2] };
  it('corrects the detector spacing by the estimated magnification', () => {
    expect(
      measurementScale(
        { ...radiograph, pixelSpacing: null },
        { ...imager, estimatedMagnification: 1.25 },
      ),
    ).toEqual({ spacing: [0.16, 0.16], calibration: 'ERMF' });
  });

  it('works the magnification out from the source distances', () => {
    expect(
      measurementScale(
        { ...radiograph, pixelSpacing: null },
        { ...imager, distanceSourceToDetector: 1800, distanceSourceToPatient: 1500 },
      ),
    ).toEqual({ spacing: [0.2 / 1.2, 0.2 / 1.2], calibration: 'ERMF' });
  });

  it('takes a Pixel Spacing finer than the detector as already corrected', () => {
    expect(measurementScale({ ...radiograph, pixelSpacing: [0.18, 0.18] }, imager)).toEqual({
      spacing: [0.18, 0.18],
      calibration: 'ERMF',
    });
  });

  it('says how a calibrated Pixel Spacing was found', () => {
    const pixelSpacing = [0.15, 0.15];
    expect(
      measurementScale(
        { ...radiograph, pixelSpacing },
        { ...imager, pixelSpacingCalibrationType: 'GEOMETRY' },
      ),
    ).toEqual({ spacing: pixelSpacing, calibration: 'ERMF' });
    expect(
      measurementScale(
        { ...radiograph, pixelSpacing },
        { ...none, pixelSpacingCalibrationType: 'FIDUCIAL' },
      ),
    ).toEqual({ spacing: pixelSpacing, calibration: 'Calibrated' });
    expect(measurementScale({ ...radiograph, pixelSpacing }, none)).toEqual({
      spacing: pixelSpacing,
      calibration: 'Unknown',
    });
  });

  it('measures in pixels with a spacing of zero', () => {
    expect(measurementScale({ ...radiograph, pixelSpacing: [0, 0] }, none)).toEqual({
      spacing: null,
      calibration: '',
    });
  });
});
