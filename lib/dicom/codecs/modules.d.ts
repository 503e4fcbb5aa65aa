// The emscripten codec entry points have no type declarations; lib/dicom/codecs/wasm.ts finds
// the factory in whatever shape the module loader hands it.
declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
declare module '@cornerstonejs/codec-charls/decodewasmjs';
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs';
declare module '@cornerstonejs/codec-openjph/wasmjs';
