/**
 * Display image -> model input, as the manifest's `preprocessing` says: colour to luminance,
 * centre-square crop, area resize to the input size (lib/imaging), 8-bit rounding (the source
 * data set stored uint8 images), scale to [0, 1]. The DICOM VOI stage happens before this, in
 * lib/imaging's renderDisplay.
 */
import { centreCropSquare, resize, type DisplayImage } from '../imaging';
import { SecondlookError } from '../errors';
import type { ModelManifest } from './manifest';

export interface PreparedInput {
  /** C*H*W values in the manifest's input range. */
  tensor: Float32Array;
  /** The 8-bit grey source image (luminance for colour input), for overlays. */
  grey: Uint8Array;
  width: number;
  height: number;
  /** The centre square of the source that became the model input. */
  region: { left: number; top: number; size: number };
}

/** 0.299 R + 0.587 G + 0.114 B (alpha ignored), or the grey channel as is. */
function toGrey(image: DisplayImage): Uint8Array {
  if (image.channels === 1) return image.data;
  const pixels = image.width * image.height;
  const grey = new Uint8Array(pixels);
  const step = image.channels;
  for (let i = 0; i < pixels; i++) {
    const at = i * step;
    grey[i] = Math.round(
      0.299 * image.data[at]! + 0.587 * image.data[at + 1]! + 0.114 * image.data[at + 2]!,
    );
  }
  return grey;
}

/** True when a colour image's channels differ somewhere (a grey image stored as RGB is not colour). */
export function hasColour(image: DisplayImage): boolean {
  if (image.channels === 1) return false;
  for (let i = 0; i < image.width * image.height; i++) {
    const at = i * image.channels;
    if (image.data[at] !== image.data[at + 1] || image.data[at] !== image.data[at + 2]) return true;
  }
  return false;
}

export function prepareInput(image: DisplayImage, manifest: ModelManifest): PreparedInput {
  const { channels, height, width } = manifest.input;
  if (channels !== 1) {
    throw new SecondlookError(
      'MODEL_INPUT',
      `only single-channel models are supported, not ${channels}`,
    );
  }
  if (image.width < 1 || image.height < 1)
    throw new SecondlookError('BAD_IMAGE', 'the image is empty');
  const grey = toGrey(image);
  const size = Math.min(image.width, image.height);
  const region = {
    left: Math.floor((image.width - size) / 2),
    top: Math.floor((image.height - size) / 2),
    size,
  };
  const plane = centreCropSquare({
    width: image.width,
    height: image.height,
    data: Float32Array.from(grey),
  });
  const resized = size === width && size === height ? plane : resize(plane, width, height);
  const [low, high] = manifest.input.range;
  const tensor = new Float32Array(width * height);
  for (let i = 0; i < tensor.length; i++) {
    tensor[i] = low + (Math.round(resized.data[i]!) / 255) * (high - low);
  }
  return { tensor, grey, width: image.width, height: image.height, region };
}
