/**
 * Next.js start-up hook, in the Node.js server runtime: starts background screening, renders
 * the opening image of any series that has none kept yet (e.g. a data directory from before
 * imports rendered them), reads where the frames of multi-frame instances stored before that
 * was kept lie (for reformatting them), polls the PACS when SECONDLOOK_PACS_URL names one, and ends (audited)
 * the sessions nobody came back to, at start and hourly.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startAppScreening, notifyIngested } = await import('./lib/screening/server');
  startAppScreening()?.catch((error: unknown) => {
    console.error(`screening: not started (${codeOf(error)})`);
  });
  const [{ renderOpeningImages }, { getStore, readMissingFrameGeometry }] = await Promise.all([
    import('./lib/display'),
    import('./lib/store'),
  ]);
  getStore()
    .then((store) => renderOpeningImages(store))
    .then(({ failed }) => {
      if (failed.length === 0) return;
      const codes = [...new Set(failed.map((f) => f.code))].join(', ');
      console.error(`display: ${failed.length} series have no opening image (${codes})`);
    })
    .catch((error: unknown) => console.error(`display: not rendered (${codeOf(error)})`));
  getStore()
    .then((store) => readMissingFrameGeometry(store))
    .then(({ failed }) => {
      if (failed.length === 0) return;
      const codes = [...new Set(failed.map((f) => f.code))].join(', ');
      console.error(`frames: ${failed.length} multi-frame instances not placed (${codes})`);
    })
    .catch((error: unknown) => console.error(`frames: not placed (${codeOf(error)})`));
  const { purgeEndedSessions } = await import('./lib/auth');
  const purge = () =>
    getStore()
      .then((store) => purgeEndedSessions(store.db))
      .catch((error: unknown) => console.error(`sessions: not purged (${codeOf(error)})`));
  void purge();
  setInterval(() => void purge(), 3_600_000).unref();
  const { startAppPacsPoller } = await import('./lib/pacs');
  startAppPacsPoller(() => notifyIngested()).catch((error: unknown) =>
    console.error(`pacs: not started (${codeOf(error)})`),
  );
}

function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'INTERNAL';
}
