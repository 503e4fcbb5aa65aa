/**
 * Names of the storage SOP classes (PS3.6 Annex A) whose objects are neither images nor
 * structured reports: what the viewer says a series of them holds, since it cannot show them.
 */

const PREFIX = '1.2.840.10008.5.1.4.1.1.';

const NAMES: Record<string, string> = {
  '11.1': 'Grayscale Softcopy Presentation State Storage',
  '11.2': 'Color Softcopy Presentation State Storage',
  '11.3': 'Pseudo-Color Softcopy Presentation State Storage',
  '11.4': 'Blending Softcopy Presentation State Storage',
  '11.5': 'XA/XRF Grayscale Softcopy Presentation State Storage',
  '11.6': 'Grayscale Planar MPR Volumetric Presentation State Storage',
  '11.7': 'Compositing Planar MPR Volumetric Presentation State Storage',
  '11.8': 'Advanced Blending Presentation State Storage',
  '11.9': 'Volume Rendering Volumetric Presentation State Storage',
  '11.10': 'Segmented Volume Rendering Volumetric Presentation State Storage',
  '11.11': 'Multiple Volume Rendering Volumetric Presentation State Storage',
  '9.1.1': '12-lead ECG Waveform Storage',
  '9.1.2': 'General ECG Waveform Storage',
  '9.1.3': 'Ambulatory ECG Waveform Storage',
  '9.2.1': 'Hemodynamic Waveform Storage',
  '9.3.1': 'Cardiac Electrophysiology Waveform Storage',
  '9.4.1': 'Basic Voice Audio Waveform Storage',
  '9.4.2': 'General Audio Waveform Storage',
  '9.5.1': 'Arterial Pulse Waveform Storage',
  '9.6.1': 'Respiratory Waveform Storage',
  '66': 'Raw Data Storage',
  '66.1': 'Spatial Registration Storage',
  '66.2': 'Spatial Fiducials Storage',
  '66.3': 'Deformable Spatial Registration Storage',
  '66.5': 'Surface Segmentation Storage',
  '67': 'Real World Value Mapping Storage',
  '68.1': 'Surface Scan Mesh Storage',
  '68.2': 'Surface Scan Point Cloud Storage',
  '104.1': 'Encapsulated PDF Storage',
  '104.2': 'Encapsulated CDA Storage',
  '104.3': 'Encapsulated STL Storage',
  '131': 'Basic Structured Display Storage',
  '481.3': 'RT Structure Set Storage',
  '481.4': 'RT Beams Treatment Record Storage',
  '481.5': 'RT Plan Storage',
  '481.6': 'RT Brachy Treatment Record Storage',
  '481.7': 'RT Treatment Summary Record Storage',
  '481.8': 'RT Ion Plan Storage',
  '481.9': 'RT Ion Beams Treatment Record Storage',
};

/** Every UID named here, for tests. */
export const NAMED_SOP_CLASSES: readonly string[] = Object.keys(NAMES).map((key) => PREFIX + key);

/** The class's name without "Storage" ("RT Structure Set"), or its UID when not named here. */
export function objectClassName(sopClassUID: string | null): string {
  if (!sopClassUID) return 'No SOP Class';
  const name = sopClassUID.startsWith(PREFIX) ? NAMES[sopClassUID.slice(PREFIX.length)] : undefined;
  return name ? name.replace(/ Storage$/, '') : sopClassUID;
}
