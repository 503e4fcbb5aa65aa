import { SecondlookError } from '../errors';
import type { FloatPlane } from './types';

/**
 * One axis of a separable resampling: output sample i is the weighted sum of
 * `count[i]` input samples from `start[i]` with weights at `offset[i]`.
 */
interface AxisKernel {
  start: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weights: Float64Array;
}

/**
 * Area averaging (shrinking): output sample i covers input interval [i*s, (i+1)*s) with
 * s = inSize / outSize, and is the mean of the input samples weighted by their overlap with
 * it (a box filter; equal to average pooling when s is an integer).
 */
function areaKernel(inSize: number, outSize: number): AxisKernel {
  const scale = inSize / outSize;
  const span = Math.ceil(scale) + 1;
  const kernel = newKernel(outSize, span);
  let used = 0;
  for (let i = 0; i < outSize; i++) {
    const from = i * scale;
    const to = Math.min(inSize, (i + 1) * scale);
    const first = Math.floor(from);
    kernel.start[i] = first;
    kernel.offset[i] = used;
    let n = 0;
    for (let j = first; j < to; j++) {
      const overlap = Math.min(to, j + 1) - Math.max(from, j);
      if (overlap <= 0) continue;
      kernel.weights[used + n] = overlap / scale;
      n++;
    }
    kernel.count[i] = n;
    used += n;
  }
  return kernel;
}

/**
 * Bilinear (growing), half-pixel centres: output sample i samples the input at
 * x = (i + 0.5) * inSize / outSize - 0.5, clamped to [0, inSize - 1] (the convention of
 * PyTorch's interpolate(mode='bilinear', align_corners=False)).
 */
function bilinearKernel(inSize: number, outSize: number): AxisKernel {
  const kernel = newKernel(outSize, 2);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) {
    const x = Math.min(inSize - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    const left = Math.floor(x);
    const frac = x - left;
    kernel.start[i] = left;
    kernel.offset[i] = 2 * i;
    kernel.count[i] = left + 1 < inSize ? 2 : 1;
    kernel.weights[2 * i] = kernel.count[i] === 2 ? 1 - frac : 1;
    kernel.weights[2 * i + 1] = frac;
  }
  return kernel;
}

function newKernel(outSize: number, span: number): AxisKernel {
  return {
    start: new Int32Array(outSize),
    count: new Int32Array(outSize),
    offset: new Int32Array(outSize),
    weights: new Float64Array(outSize * span),
  };
}

function kernelFor(inSize: number, outSize: number): AxisKernel {
  return outSize < inSize ? areaKernel(inSize, outSize) : bilinearKernel(inSize, outSize);
}

/**
 * Resizes a plane, each axis on its own: area averaging where the axis shrinks, bilinear
 * where it grows (so a 512x512 CT to 224x224 is a box filter and a 28x28 to 64x64 is
 * bilinear).
 */
export function resize(plane: FloatPlane, width: number, height: number): FloatPlane {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new SecondlookError('BAD_SIZE', `cannot resize to ${width}x${height}`);
  }
  const { width: inW, height: inH, data } = plane;
  const kx = kernelFor(inW, width);
  const ky = kernelFor(inH, height);
  const rows = new Float64Array(width * inH);
  for (let y = 0; y < inH; y++) {
    const row = y * inW;
    for (let x = 0; x < width; x++) {
      const start = row + (kx.start[x] as number);
      const offset = kx.offset[x] as number;
      let sum = 0;
      for (let k = 0; k < (kx.count[x] as number); k++) {
        sum += (data[start + k] as number) * (kx.weights[offset + k] as number);
      }
      rows[y * width + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = ky.start[y] as number;
    const offset = ky.offset[y] as number;
    const count = ky.count[y] as number;
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let k = 0; k < count; k++) {
        sum += (rows[(start + k) * width + x] as number) * (ky.weights[offset + k] as number);
      }
      out[y * width + x] = sum;
    }
  }
  return { width, height, data: out };
}

/** The largest centred square (the extra row or column of an odd difference is cut at the end). */
export function centreCropSquare(plane: FloatPlane): FloatPlane {
  const size = Math.min(plane.width, plane.height);
  const left = Math.floor((plane.width - size) / 2);
  const top = Math.floor((plane.height - size) / 2);
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    const from = (top + y) * plane.width + left;
    out.set(plane.data.subarray(from, from + size), y * size);
  }
  return { width: size, height: size, data: out };
}
