import { SecondlookError } from '../errors';
import { autoWindow } from './auto-window';
import { applyModalityLut } from './modality-lut';
import { findPreset } from './presets';
import type { DisplayImage, DisplayParams, FloatPlane, FramePixels, VoiWindow } from './types';
import { applyVoi, parseVoiLutFunction, quantiseToUint8, type VoiTransform } from './voi';

/** How to choose the VOI stage; the first that applies wins, in the order listed. */
export interface DisplayOptions {
  /**
   * An explicit window, applied with its VOI LUT function (LINEAR unless it names another, as
   * DCMTK's +Ww does; a presentation state's may be LINEAR_EXACT or SIGMOID).
   */
  window?: { center: number; width: number; fn?: string };
  /** A CT preset by id or hotkey (see ctWindowPresets), applied LINEAR. */
  preset?: string;
  /** Ignore the file's VOI and use the percentile window of the modality values. */
  auto?: boolean;
  /** Which of the file's windows (default 0), applied with the file's VOI LUT Function. */
  windowIndex?: number;
  /** Flip the grey scale, on top of the MONOCHROME1 inversion (which is always done). */
  invert?: boolean;
}

/** Where the VOI stage came from, for reports and for the viewer's overlay text. */
type VoiSource = 'option' | 'preset' | 'auto' | 'file-window' | 'file-lut';

interface WindowedFrame {
  /** Display values in [0, 1], MONOCHROME1 already inverted (0 = black). */
  plane: FloatPlane;
  voi: VoiTransform;
  voiSource: VoiSource;
  /** The file's explanation of the window or LUT, or the preset's label; null otherwise. */
  voiExplanation: string | null;
  inverted: boolean;
}

function chooseVoi(
  modality: Float32Array,
  params: DisplayParams,
  options: DisplayOptions,
): { voi: VoiTransform; voiSource: VoiSource; voiExplanation: string | null } {
  if (options.window) {
    const { center, width, fn } = options.window;
    const voi: VoiTransform = { kind: 'window', fn: parseVoiLutFunction(fn), center, width };
    return { voi, voiSource: 'option', voiExplanation: null };
  }
  if (options.preset !== undefined) {
    const preset = findPreset(options.preset);
    if (!preset)
      throw new SecondlookError('UNKNOWN_PRESET', `no window preset "${options.preset}"`);
    const { center, width } = preset;
    const voi: VoiTransform = { kind: 'window', fn: 'LINEAR', center, width };
    return { voi, voiSource: 'preset', voiExplanation: preset.label };
  }
  if (!options.auto) {
    const index = options.windowIndex ?? 0;
    const fileWindow = params.windows[index];
    if (fileWindow) {
      const fn = parseVoiLutFunction(params.voiLutFunction);
      const { center, width } = fileWindow;
      const voiExplanation = fileWindow.explanation ?? null;
      return {
        voi: { kind: 'window', fn, center, width },
        voiSource: 'file-window',
        voiExplanation,
      };
    }
    if (options.windowIndex !== undefined) {
      throw new SecondlookError(
        'NO_SUCH_WINDOW',
        `no window at index ${index}: the file has ${params.windows.length}`,
      );
    }
    const lut = params.voiLuts[0];
    if (lut) {
      const voiExplanation = lut.explanation ?? null;
      return { voi: { kind: 'lut', lut }, voiSource: 'file-lut', voiExplanation };
    }
  }
  const voi: VoiTransform = { kind: 'window', fn: 'LINEAR', ...autoWindow(modality) };
  return { voi, voiSource: 'auto', voiExplanation: null };
}

/**
 * A greyscale frame through the display pipeline of PS3.3 C.11 in its order: stored values ->
 * Modality LUT (rescale or LUT sequence) -> VOI (window or VOI LUT) -> MONOCHROME1 inversion.
 * The result is in [0, 1], ready to quantise for display or to feed a model.
 */
function windowFrame(
  frame: FramePixels,
  params: DisplayParams,
  options: DisplayOptions = {},
): WindowedFrame {
  const photometric = frame.photometricInterpretation.trim().toUpperCase();
  if (frame.samplesPerPixel !== 1 || !photometric.startsWith('MONOCHROME')) {
    throw new SecondlookError(
      'NOT_GREYSCALE',
      `windowing needs a MONOCHROME1/2 frame, this one is ${photometric} with ${frame.samplesPerPixel} samples per pixel`,
    );
  }
  const modality = applyModalityLut(frame.pixels, params);
  const { voi, voiSource, voiExplanation } = chooseVoi(modality, params, options);
  const unit = applyVoi(modality, voi);
  const inverted = (photometric === 'MONOCHROME1') !== Boolean(options.invert);
  if (inverted) for (let i = 0; i < unit.length; i++) unit[i] = 1 - (unit[i] as number);
  return {
    plane: { width: frame.columns, height: frame.rows, data: unit },
    voi,
    voiSource,
    voiExplanation,
    inverted,
  };
}

/**
 * The window a viewer opens a greyscale frame with: the frame's first window, else the automatic
 * window of its modality values. The viewer's preview and viewport and the server's first image
 * (`GET /api/instances/:id/display`) all open with it, applied LINEAR.
 */
export function openingWindow(
  windows: readonly VoiWindow[],
  modality: Float32Array,
): { center: number; width: number } {
  const { center, width } = windows[0] ?? autoWindow(modality);
  return { center, width };
}

/** Colour frames (already RGB, interleaved) to 8 bits: 8-bit data as is, wider data scaled. */
function colourToUint8(frame: FramePixels): Uint8Array {
  if (frame.pixels instanceof Uint8Array) return frame.pixels.slice();
  const fullScale = frame.pixels instanceof Uint16Array ? 65535 : 2 ** 32 - 1;
  const out = new Uint8Array(frame.pixels.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.round(((frame.pixels[i] as number) / fullScale) * 255);
  }
  return out;
}

export interface RenderedFrame extends DisplayImage {
  /** The VOI that was applied (null for colour frames, which have none). */
  voi: VoiTransform | null;
  voiSource: VoiSource | null;
  voiExplanation: string | null;
  inverted: boolean;
}

/**
 * One frame to an 8-bit image: greyscale through windowFrame (then y8 = round(255 y)); RGB
 * frames (lib/dicom converts YBR and palettes to RGB) passed through at 8 bits.
 */
export function renderDisplay(
  frame: FramePixels,
  params: DisplayParams,
  options: DisplayOptions = {},
): RenderedFrame {
  const width = frame.columns;
  const height = frame.rows;
  if (frame.samplesPerPixel === 3 && frame.photometricInterpretation.trim() === 'RGB') {
    const data = colourToUint8(frame);
    return {
      width,
      height,
      channels: 3,
      data,
      voi: null,
      voiSource: null,
      voiExplanation: null,
      inverted: false,
    };
  }
  const windowed = windowFrame(frame, params, options);
  const data = quantiseToUint8(windowed.plane.data);
  const { voi, voiSource, voiExplanation, inverted } = windowed;
  return { width, height, channels: 1, data, voi, voiSource, voiExplanation, inverted };
}

/**
 * A frame as a viewer opens it, to 8 bits: greyscale with `openingWindow` (LINEAR), colour as
 * 8-bit RGB. What the viewer's preview draws and `GET /api/instances/:id/display` serves.
 */
export function renderOpening(frame: FramePixels, params: DisplayParams): RenderedFrame {
  if (frame.samplesPerPixel !== 1) return renderDisplay(frame, params);
  const window = openingWindow(params.windows, applyModalityLut(frame.pixels, params));
  return renderDisplay(frame, params, { window });
}
