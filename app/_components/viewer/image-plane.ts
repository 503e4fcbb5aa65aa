/**
 * An image's plane in the patient, from the Image Plane module the loader gave Cornerstone with
 * the image (cornerstone-loader.ts): for following another viewport's slices and for reference
 * lines.
 */
import { metaData, type Types } from '@cornerstonejs/core';
import { cross, pixelToPatient, type ImagePlaneGeometry } from './reference-line';
import type { ImagePlace } from './slice-link';

interface PlaneModule {
  positioned?: boolean;
  frameOfReferenceUID?: string;
  imagePositionPatient: Types.Point3;
  rowCosines: Types.Point3;
  columnCosines: Types.Point3;
  rowPixelSpacing: number | null;
  columnPixelSpacing: number | null;
  rows: number;
  columns: number;
}

/**
 * The plane of image `imageId` and its frame of reference; null before it loads, or for an image
 * without a position, spacing or frame of reference (a radiograph, as a rule).
 */
export function imagePlaneOf(
  imageId: string | null | undefined,
): (ImagePlaneGeometry & { frameOfReferenceUID: string }) | null {
  if (!imageId) return null;
  const plane = metaData.get('imagePlaneModule', imageId) as PlaneModule | undefined;
  if (!plane?.positioned || !plane.frameOfReferenceUID) return null;
  if (!plane.rowPixelSpacing || !plane.columnPixelSpacing) return null;
  return {
    frameOfReferenceUID: plane.frameOfReferenceUID,
    position: [...plane.imagePositionPatient],
    rowCosines: [...plane.rowCosines],
    columnCosines: [...plane.columnCosines],
    rowSpacing: plane.rowPixelSpacing,
    columnSpacing: plane.columnPixelSpacing,
    rows: plane.rows,
    columns: plane.columns,
  };
}

/** Where image `imageId` lies: its frame of reference, centre and normal; null as above. */
export function placeOf(imageId: string | null | undefined): ImagePlace | null {
  const plane = imagePlaneOf(imageId);
  if (!plane) return null;
  return {
    frameOfReferenceUID: plane.frameOfReferenceUID,
    centre: pixelToPatient(plane, [(plane.columns - 1) / 2, (plane.rows - 1) / 2]),
    normal: cross(plane.rowCosines, plane.columnCosines),
  };
}
