/**
 * Node side of the inference harness: bundles entry.ts with esbuild and serves it on 127.0.0.1
 * (a secure context, so WebGPU is allowed) with cross-origin isolation headers, next to the
 * shipped model (`/model/`) and onnxruntime-web's wasm files (`/ort/`).
 */
import { build } from 'esbuild';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>inference harness</title><script type="module" src="/harness.js"></script>';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
};

export interface Harness {
  url: string;
  close(): Promise<void>;
}

export async function startHarness(
  modelDir = path.join(root, 'models', 'pneumonia-cxr'),
): Promise<Harness> {
  const bundle = await build({
    entryPoints: [path.join(__dirname, 'entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.contents;
  const folders: Record<string, string> = {
    '/model/': modelDir,
    '/ort/': path.join(root, 'node_modules', 'onnxruntime-web', 'dist'),
  };
  const server = createServer((request, response) => {
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      response.setHeader('Content-Type', 'text/html');
      response.end(PAGE);
      return;
    }
    if (url.pathname === '/harness.js') {
      response.setHeader('Content-Type', 'text/javascript');
      response.end(script);
      return;
    }
    const prefix = Object.keys(folders).find((candidate) => url.pathname.startsWith(candidate));
    const name = prefix ? path.basename(url.pathname.slice(prefix.length)) : '';
    const file = prefix ? path.join(folders[prefix]!, name) : '';
    if (!name || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404;
      response.end('not found');
      return;
    }
    response.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
