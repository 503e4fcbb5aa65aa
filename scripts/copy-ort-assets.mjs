#!/usr/bin/env node
// Copies onnxruntime-web's WebAssembly runtime (the JSEP build that the package's default entry
// loads for both the `webgpu` and `wasm` providers) into the git-ignored public/ort/, where the
// browser session finds it (`wasmPaths: '/ort/'`).
// Run after every install (package.json postinstall) so they always match the installed version.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const from = path.join(root, 'node_modules', 'onnxruntime-web', 'dist');
const to = path.join(root, 'public', 'ort');

const files = readdirSync(from).filter((name) =>
  /^ort-wasm-simd-threaded\.jsep\.(wasm|mjs)$/.test(name),
);
if (files.length === 0) {
  console.error(`copy-ort-assets: no ort-wasm-* files in ${from}`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const name of files) copyFileSync(path.join(from, name), path.join(to, name));
console.log(`copy-ort-assets: ${files.length} files to public/ort/`);
