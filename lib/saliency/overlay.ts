/**
 * Rendering a normalised map: an RGBA layer (perceptual colour map, opacity rising with the
 * value) for a viewer to lay over the image, the colour bar's values, and a blended picture for
 * people to look at.
 */
import { applyColourMap, overlayColourMap, type ColourMapName } from '../imaging';
import type { CamMap } from './types';

export interface ColourBarStop {
  /** Position on the normalised scale, 0..1. */
  position: number;
  /** The un-normalised map value there (position * the map's maximum). */
  value: number;
  rgb: [number, number, number];
}

export interface CamOverlay {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  rgba: Uint8Array;
  colourMap: ColourMapName;
  colourBar: ColourBarStop[];
}

export interface OverlayOptions {
  colourMap?: ColourMapName;
  /** Opacity at the map's maximum, 0..1. */
  maxAlpha?: number;
  /** Number of colour-bar stops (>= 2). */
  stops?: number;
}

export function colourBar(name: ColourMapName, maximum: number, stops = 5): ColourBarStop[] {
  const positions = Array.from({ length: stops }, (_, i) => i / (stops - 1));
  const colours = applyColourMap(positions, name);
  return positions.map((position, i) => ({
    position,
    value: position * maximum,
    rgb: [colours[i * 3]!, colours[i * 3 + 1]!, colours[i * 3 + 2]!],
  }));
}

/** `map` normalised to [0, 1]; `maximum` its value before normalisation (for the colour bar). */
export function renderOverlay(
  map: CamMap,
  maximum: number,
  options: OverlayOptions = {},
): CamOverlay {
  const colourMap = options.colourMap ?? 'inferno';
  const maxAlpha = options.maxAlpha ?? 0.6;
  const colours = applyColourMap(map.data, colourMap);
  const pixels = map.width * map.height;
  const rgba = new Uint8Array(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    rgba[i * 4] = colours[i * 3]!;
    rgba[i * 4 + 1] = colours[i * 3 + 1]!;
    rgba[i * 4 + 2] = colours[i * 3 + 2]!;
    rgba[i * 4 + 3] = Math.round(255 * maxAlpha * Math.min(1, Math.max(0, map.data[i]!)));
  }
  return {
    width: map.width,
    height: map.height,
    rgba,
    colourMap,
    colourBar: colourBar(colourMap, maximum, options.stops ?? 5),
  };
}

/** The 8-bit grey image with the map blended over it (RGB), for a person to look at. */
export function blendOverGrey(
  grey: Uint8Array,
  map: CamMap,
  options: { colourMap?: ColourMapName; alpha?: number } = {},
): Uint8Array {
  return overlayColourMap(grey, map.data, options.colourMap ?? 'inferno', options.alpha ?? 0.45);
}
