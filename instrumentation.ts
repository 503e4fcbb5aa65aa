/**
 * Next.js start-up hook, in the Node.js server runtime: starts background screening, renders
 * the opening image of any series that has none kept yet (e.g. a data directory from before
 * imports rendered them), reads what instances stored before it was kept lack (where the frames
 * of a multi-frame one lie, for reformatting; the Image Type that tells a localizer), polls the PACS when SECONDLOOK_PACS_URL names one, and ends (audited)
 * the sessions nobody came back to, at start and hourly.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startAppScreening, notifyIngested } = await import('./lib/screening/server');
  startAppScreening()?.catch((error: unknown) => {
    console.error(`screening: not started (${codeOf(error)})`);
  });
  const [{ renderOpeningImages }, { getStore, readMissingMetadata }] = await Promise.all([
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
    .then((store) => readMissingMetadata(store))
    .then(({ failed }) => {
      if (failed.length === 0) return;
      const codes = [...new Set(failed.map((f) => f.code))].join(', ');
      console.error(`metadata: ${failed.length} instances not read (${codes})`);
    })
    .catch((error: unknown) => console.error(`metadata: not read (${codeOf(error)})`));
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
