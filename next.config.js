// Next.js telemetry is off unless the person turns it on: NEXT_TELEMETRY_DISABLED=0 (or false)
// lets Next.js decide by its own setting (`npx next telemetry status`), any other value keeps it off.
const telemetry = process.env.NEXT_TELEMETRY_DISABLED;
if (telemetry === undefined) process.env.NEXT_TELEMETRY_DISABLED = '1';
else if (telemetry === '0' || telemetry === 'false') delete process.env.NEXT_TELEMETRY_DISABLED;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder at run time;
  // bundling it breaks those paths on the first request.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The build does not type-check: `npm run typecheck` does, in CI (.ci/run) and before a
  // commit, so that the first `npm start` on a fresh clone only compiles. (Next.js 16's build
  // runs no lint either; `npm run lint` does.)
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Turbopack keeps a cache of the build in .next/cache for the next build to start from. CI
    // builds once in a fresh clone and throws it away, so .ci/run sets GANTRY_BUILD_CACHE=0 to
    // skip writing it (about a minute of the build on a busy machine).
    turbopackFileSystemCacheForBuild: process.env.GANTRY_BUILD_CACHE !== '0',
  },
};

export default nextConfig;
