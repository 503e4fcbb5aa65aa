import type { FrameGeometry } from '../frame-metadata';
/**
 * Series assembly works on metadata records, not on files: anything with these fields (for
 * example lib/dicom's InstanceMetadata plus a `file` reference of the caller's choosing) can be
 * assembled, so the CLI, the store and the viewer share one implementation.
 */
export interface SeriesInstanceInput<F> {
  /** The caller's handle on where the instance lives (a path, a blob id, a URL). */
  file: F;
  studyInstanceUID: string | null;
  seriesInstanceUID: string | null;
  sopInstanceUID: string | null;
  modality?: string | null;
  rows: number | null;
  columns: number | null;
  /** 1 or absent for single-frame instances. */
  numberOfFrames: number | null;
  instanceNumber: number | null;
  /** (0020,0032), three numbers. */
  imagePositionPatient: number[] | null;
  /** (0020,0037), six numbers: row direction cosines then column direction cosines. */
  imageOrientationPatient: number[] | null;
  pixelSpacing?: number[] | null;
  /**
   * Where each frame of a multi-frame instance lies (lib/dicom readFrameGeometry), when the
   * caller knows: its orientation and pixel spacing stand in for absent top-level ones.
   */
  frameGeometry?: FrameGeometry | null;
}

type SeriesWarningCode =
  /** Consecutive slices are more than 1.5 nominal spacings apart: slices are missing. */
  | 'GAP'
  /** Spacing varies by more than 1% (and 0.01 mm) from the nominal spacing, short of a gap. */
  | 'NON_UNIFORM_SPACING'
  /** Two slices of one stack share a position along the normal. */
  | 'DUPLICATE_POSITION'
  /** The same SOP Instance UID was given more than once; only the first is kept. */
  | 'DUPLICATE_INSTANCE'
  /** The series holds more than one orientation; each became its own stack. */
  | 'MIXED_ORIENTATION'
  /** The series holds more than one image size; each became its own stack. */
  | 'MIXED_SIZE'
  /** A stack lacks ImagePositionPatient/ImageOrientationPatient: ordered by InstanceNumber. */
  | 'MISSING_POSITION'
  /** Study or Series Instance UID is missing; such instances are grouped under an empty UID. */
  | 'MISSING_UID';

export interface SeriesWarning {
  code: SeriesWarningCode;
  message: string;
  /** The SOP Instance UIDs concerned, when the warning is about particular instances. */
  sopInstanceUIDs?: string[];
}

/** One 2D image in a stack: a single-frame instance, or one frame of a multi-frame one. */
export interface StackSlice<F> {
  file: F;
  sopInstanceUID: string | null;
  /** Zero-based frame index inside the instance. */
  frame: number;
  instanceNumber: number | null;
  imagePositionPatient: number[] | null;
  /** Position along the stack normal in mm (IPP . normal); null when unknown. */
  location: number | null;
}

/** Slices that can be shown as one volume: same size, same orientation, one ordering. */
export interface SliceStack<F> {
  rows: number | null;
  columns: number | null;
  imageOrientationPatient: number[] | null;
  /** Unit normal, row cosines x column cosines. */
  normal: [number, number, number] | null;
  pixelSpacing: number[] | null;
  /**
   * What the order of `slices` rests on. A multi-frame instance's frames are ordered by
   * position when each has its own (time points or stacks sharing positions keep frame order).
   */
  orderedBy: 'position' | 'instance-number' | 'frame';
  /** True when the stack is the frames of one multi-frame instance. */
  multiFrame: boolean;
  slices: StackSlice<F>[];
  /** Nominal (median) distance between consecutive slices in mm; null when unknown. */
  spacing: number | null;
  /** Every consecutive distance equals the nominal one (within 1% and 0.01 mm). */
  spacingUniform: boolean | null;
  warnings: SeriesWarning[];
}

export interface AssembledSeries<F> {
  studyInstanceUID: string;
  seriesInstanceUID: string;
  modality: string | null;
  instanceCount: number;
  stacks: SliceStack<F>[];
  /** Series-level warnings; each stack's own warnings are on the stack. */
  warnings: SeriesWarning[];
}
