/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Compressing on every request costs the server about 60 ms of CPU for the viewer's largest
  // script alone, which then competes with the study page's first image. The reverse proxy that
  // terminates TLS in a shared deployment compresses (README, Deploying); on localhost it only costs.
  compress: false,
  // The stylesheet is small; inlined, it no longer holds the study page's first paint (its image).
  experimental: { inlineCss: true },
  // Loaded from node_modules at run time, not bundled: the emscripten codecs read their .wasm
  // beside their own JS, which a server chunk is not (JPEG-LS, JPEG 2000, 8-bit JPEG and HTJ2K
  // frames failed to decode in the production server, for the display route and screening alike).
  serverExternalPackages: [
    '@cornerstonejs/codec-charls',
    '@cornerstonejs/codec-libjpeg-turbo-8bit',
    '@cornerstonejs/codec-openjpeg',
    '@cornerstonejs/codec-openjph',
    'onnxruntime-node',
    'better-sqlite3',
    'argon2',
    'pg',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
  ],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Cross-origin isolation lets onnxruntime-web run multithreaded WASM.
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
  webpack(config, { isServer }) {
    if (!isServer) {
      // The codec packages reference node built-ins they never use in the browser.
      config.resolve.fallback = { ...config.resolve.fallback, fs: false, path: false };
    }
    return config;
  },
};

module.exports = nextConfig;
