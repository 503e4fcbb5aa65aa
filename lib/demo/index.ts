/**
 * The demo study set: studies the project generates itself, so the app has something to show
 * on a fresh machine without any patient data. Two studies of fictional patients:
 * a 48-slice chest CT phantom (chest-ct.ts, with a nodule to measure) with the scout it was
 * planned on (scout.ts), and two frontal chest radiographs (one MONOCHROME2, one
 * MONOCHROME1 with patchy lower-zone opacity, which the shipped model flags, so the demo's triage
 * queue has a flagged study). Every run yields the same bytes.
 */
import { writePart10, type WritableElement as Element } from '../dicom';
import { ChestCtPhantom } from './chest-ct';
import { seededRandom } from './random';
import { chestRadiograph } from './radiograph';
import { scoutProjection } from './scout';

export interface DemoFile {
  /** Relative path, e.g. `ct/slice-001.dcm`. */
  name: string;
  bytes: Uint8Array;
}

const UID_ROOT = '1.2.826.0.1.3680043.10.1470.9';
const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const CR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.1';
const CT_SLICES = 48;
const CT_SIZE = 256;
const CT_SPACING_MM = 5;
const CT_PIXEL_MM = 1.4;
const CR_SIZE = 512;

const tag = {
  imageType: 0x00080008,
  referringPhysicianName: 0x00080090,
  kvp: 0x00180060,
  patientPosition: 0x00185100,
  acquisitionNumber: 0x00200012,
  patientOrientation: 0x00200020,
  positionReferenceIndicator: 0x00201040,
  sopClassUID: 0x00080016,
  sopInstanceUID: 0x00080018,
  studyDate: 0x00080020,
  studyTime: 0x00080030,
  accessionNumber: 0x00080050,
  modality: 0x00080060,
  manufacturer: 0x00080070,
  studyDescription: 0x00081030,
  seriesDescription: 0x0008103e,
  patientName: 0x00100010,
  patientId: 0x00100020,
  patientBirthDate: 0x00100030,
  patientSex: 0x00100040,
  bodyPartExamined: 0x00180015,
  sliceThickness: 0x00180050,
  imagerPixelSpacing: 0x00181164,
  viewPosition: 0x00185101,
  studyInstanceUID: 0x0020000d,
  seriesInstanceUID: 0x0020000e,
  studyId: 0x00200010,
  seriesNumber: 0x00200011,
  instanceNumber: 0x00200013,
  imagePositionPatient: 0x00200032,
  imageOrientationPatient: 0x00200037,
  frameOfReferenceUID: 0x00200052,
  samplesPerPixel: 0x00280002,
  photometricInterpretation: 0x00280004,
  rows: 0x00280010,
  columns: 0x00280011,
  pixelSpacing: 0x00280030,
  bitsAllocated: 0x00280100,
  bitsStored: 0x00280101,
  highBit: 0x00280102,
  pixelRepresentation: 0x00280103,
  windowCenter: 0x00281050,
  windowWidth: 0x00281051,
  rescaleIntercept: 0x00281052,
  rescaleSlope: 0x00281053,
  pixelData: 0x7fe00010,
} as const;

interface PatientStudy {
  patientName: string;
  patientId: string;
  birthDate: string;
  sex: string;
  studyUID: string;
  studyDate: string;
  studyTime: string;
  accession: string;
  description: string;
}

function studyElements(study: PatientStudy): Element[] {
  return [
    { tag: tag.patientName, vr: 'PN', value: study.patientName },
    { tag: tag.patientId, vr: 'LO', value: study.patientId },
    { tag: tag.patientBirthDate, vr: 'DA', value: study.birthDate },
    { tag: tag.patientSex, vr: 'CS', value: study.sex },
    { tag: tag.studyInstanceUID, vr: 'UI', value: study.studyUID },
    { tag: tag.studyDate, vr: 'DA', value: study.studyDate },
    { tag: tag.studyTime, vr: 'TM', value: study.studyTime },
    { tag: tag.accessionNumber, vr: 'SH', value: study.accession },
    { tag: tag.studyDescription, vr: 'LO', value: study.description },
    { tag: tag.studyId, vr: 'SH', value: '1' },
    { tag: tag.referringPhysicianName, vr: 'PN', value: '' },
    { tag: tag.manufacturer, vr: 'LO', value: 'secondlook demo generator' },
  ];
}

function grayscale16(
  rows: number,
  columns: number,
  bitsStored: number,
  photometric: 'MONOCHROME1' | 'MONOCHROME2',
  pixels: Uint16Array,
): Element[] {
  return [
    { tag: tag.samplesPerPixel, vr: 'US', value: [1] },
    { tag: tag.photometricInterpretation, vr: 'CS', value: photometric },
    { tag: tag.rows, vr: 'US', value: [rows] },
    { tag: tag.columns, vr: 'US', value: [columns] },
    { tag: tag.bitsAllocated, vr: 'US', value: [16] },
    { tag: tag.bitsStored, vr: 'US', value: [bitsStored] },
    { tag: tag.highBit, vr: 'US', value: [bitsStored - 1] },
    { tag: tag.pixelRepresentation, vr: 'US', value: [0] },
    { tag: tag.pixelData, vr: 'OW', value: pixels },
  ];
}

const ctStudy: PatientStudy = {
  patientName: 'DEMO^PHANTOM',
  patientId: 'DEMO-0001',
  birthDate: '19700101',
  sex: 'O',
  studyUID: `${UID_ROOT}.1`,
  studyDate: '20260105',
  studyTime: '091500',
  accession: 'DEMOCT1',
  description: 'CT CHEST (DEMO PHANTOM)',
};

/** What the CT study's images share: the study, the scanner, the frame of reference. */
function ctElements(): Element[] {
  return [
    ...studyElements(ctStudy),
    { tag: tag.sopClassUID, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: tag.modality, vr: 'CS', value: 'CT' },
    { tag: tag.bodyPartExamined, vr: 'CS', value: 'CHEST' },
    { tag: tag.frameOfReferenceUID, vr: 'UI', value: `${UID_ROOT}.1.9` },
    { tag: tag.positionReferenceIndicator, vr: 'LO', value: '' },
    { tag: tag.patientPosition, vr: 'CS', value: 'FFS' },
    { tag: tag.kvp, vr: 'DS', value: '120' },
    { tag: tag.acquisitionNumber, vr: 'IS', value: '1' },
    { tag: tag.rescaleSlope, vr: 'DS', value: '1' },
  ];
}

/** The left edge of the field of view (mm): its first column's centre, as on every slice. */
const CT_CORNER = -(CT_SIZE / 2) * CT_PIXEL_MM;

/** The axial series (series 2), head first, and the HU of each slice for the scout. */
function ctSeries(): { files: DemoFile[]; slices: Int16Array[] } {
  const seriesUID = `${UID_ROOT}.1.1`;
  const random = seededRandom(1);
  const phantom = new ChestCtPhantom(CT_SIZE, CT_PIXEL_MM);
  const files: DemoFile[] = [];
  const slices: Int16Array[] = [];
  for (let i = 0; i < CT_SLICES; i++) {
    const hu = phantom.slice(i * CT_SPACING_MM, CT_SPACING_MM, random);
    slices.push(hu);
    const stored = Uint16Array.from(hu, (value) => Math.max(0, Math.min(4095, value + 1024)));
    const sopInstanceUID = `${seriesUID}.${i + 1}`;
    const z = -(i * CT_SPACING_MM);
    const dataset: Element[] = [
      ...ctElements(),
      { tag: tag.imageType, vr: 'CS', value: 'ORIGINAL\\PRIMARY\\AXIAL' },
      { tag: tag.sopInstanceUID, vr: 'UI', value: sopInstanceUID },
      { tag: tag.seriesDescription, vr: 'LO', value: 'Axial 5 mm' },
      { tag: tag.sliceThickness, vr: 'DS', value: String(CT_SPACING_MM) },
      { tag: tag.seriesInstanceUID, vr: 'UI', value: seriesUID },
      { tag: tag.seriesNumber, vr: 'IS', value: '2' },
      { tag: tag.instanceNumber, vr: 'IS', value: String(i + 1) },
      { tag: tag.imagePositionPatient, vr: 'DS', value: `${CT_CORNER}\\${CT_CORNER}\\${z}` },
      { tag: tag.imageOrientationPatient, vr: 'DS', value: '1\\0\\0\\0\\1\\0' },
      { tag: tag.pixelSpacing, vr: 'DS', value: `${CT_PIXEL_MM}\\${CT_PIXEL_MM}` },
      { tag: tag.windowCenter, vr: 'DS', value: '40\\-600' },
      { tag: tag.windowWidth, vr: 'DS', value: '400\\1500' },
      { tag: tag.rescaleIntercept, vr: 'DS', value: '-1024' },
      ...grayscale16(CT_SIZE, CT_SIZE, 12, 'MONOCHROME2', stored),
    ];
    const name = `ct-chest/slice-${String(i + 1).padStart(3, '0')}.dcm`;
    files.push({
      name,
      bytes: writePart10(dataset, { sopClassUID: CT_IMAGE_STORAGE, sopInstanceUID }),
    });
  }
  return { files, slices };
}

/**
 * The scout the axial series was planned on (series 1, Image Type LOCALIZER): a frontal
 * projection in the same frame of reference, rows from the top slice down, columns as the
 * slices' (the patient's right on the left).
 */
function ctScout(slices: Int16Array[]): DemoFile {
  const { rows, pixels } = scoutProjection(slices, CT_SIZE, CT_SPACING_MM, CT_PIXEL_MM);
  const seriesUID = `${UID_ROOT}.1.2`;
  const sopInstanceUID = `${seriesUID}.1`;
  const dataset: Element[] = [
    ...ctElements(),
    { tag: tag.imageType, vr: 'CS', value: 'ORIGINAL\\PRIMARY\\LOCALIZER' },
    { tag: tag.sopInstanceUID, vr: 'UI', value: sopInstanceUID },
    { tag: tag.seriesDescription, vr: 'LO', value: 'Scout' },
    { tag: tag.sliceThickness, vr: 'DS', value: '' },
    { tag: tag.seriesInstanceUID, vr: 'UI', value: seriesUID },
    { tag: tag.seriesNumber, vr: 'IS', value: '1' },
    { tag: tag.instanceNumber, vr: 'IS', value: '1' },
    { tag: tag.imagePositionPatient, vr: 'DS', value: `${CT_CORNER}\\0\\0` },
    { tag: tag.imageOrientationPatient, vr: 'DS', value: '1\\0\\0\\0\\0\\-1' },
    { tag: tag.pixelSpacing, vr: 'DS', value: `${CT_PIXEL_MM}\\${CT_PIXEL_MM}` },
    { tag: tag.windowCenter, vr: 'DS', value: '1600' },
    { tag: tag.windowWidth, vr: 'DS', value: '3200' },
    { tag: tag.rescaleIntercept, vr: 'DS', value: '0' },
    ...grayscale16(rows, CT_SIZE, 12, 'MONOCHROME2', pixels),
  ];
  return {
    name: 'ct-scout/scout.dcm',
    bytes: writePart10(dataset, { sopClassUID: CT_IMAGE_STORAGE, sopInstanceUID }),
  };
}

/**
 * A chest radiograph of the demo's one child patient: index 1 a normal film, index 2 the
 * follow-up a day later with an opacity, so that the second can be read against the first.
 */
function radiograph(
  index: number,
  opacity: boolean,
  photometric: 'MONOCHROME1' | 'MONOCHROME2',
): DemoFile {
  const study: PatientStudy = {
    patientName: 'DEMO^CHEST',
    patientId: 'DEMO-0101',
    birthDate: '20190601',
    sex: 'O',
    studyUID: `${UID_ROOT}.2.${index}`,
    studyDate: `2026010${index + 1}`,
    studyTime: '101500',
    accession: `DEMOCR${index}`,
    description: 'XR CHEST PA (DEMO)',
  };
  const seriesUID = `${study.studyUID}.1`;
  const sopInstanceUID = `${seriesUID}.1`;
  const attenuation = chestRadiograph(CR_SIZE, opacity, seededRandom(100 + index));
  const stored =
    photometric === 'MONOCHROME1' ? attenuation.map((value) => 4095 - value) : attenuation;
  const dataset: Element[] = [
    ...studyElements(study),
    { tag: tag.imageType, vr: 'CS', value: 'ORIGINAL\\PRIMARY' },
    { tag: tag.sopClassUID, vr: 'UI', value: CR_IMAGE_STORAGE },
    { tag: tag.sopInstanceUID, vr: 'UI', value: sopInstanceUID },
    { tag: tag.modality, vr: 'CS', value: 'CR' },
    { tag: tag.seriesDescription, vr: 'LO', value: 'Chest PA' },
    { tag: tag.bodyPartExamined, vr: 'CS', value: 'CHEST' },
    { tag: tag.viewPosition, vr: 'CS', value: 'PA' },
    { tag: tag.patientOrientation, vr: 'CS', value: 'L\\F' },
    { tag: tag.seriesInstanceUID, vr: 'UI', value: seriesUID },
    { tag: tag.seriesNumber, vr: 'IS', value: '1' },
    { tag: tag.instanceNumber, vr: 'IS', value: '1' },
    { tag: tag.imagerPixelSpacing, vr: 'DS', value: '0.7\\0.7' },
    ...grayscale16(CR_SIZE, CR_SIZE, 12, photometric, stored),
  ];
  return {
    name: `xr-chest-${index}/image.dcm`,
    bytes: writePart10(dataset, { sopClassUID: CR_IMAGE_STORAGE, sopInstanceUID }),
  };
}

export function generateDemoStudies(): DemoFile[] {
  const ct = ctSeries();
  return [
    ...ct.files,
    ctScout(ct.slices),
    radiograph(1, false, 'MONOCHROME2'),
    radiograph(2, true, 'MONOCHROME1'),
  ];
}
