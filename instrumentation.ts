/** Next.js start-up hook: starts background screening in the Node.js server runtime. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startAppScreening } = await import('./lib/screening/server');
  startAppScreening()?.catch((error: unknown) => {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'INTERNAL';
    console.error(`screening: not started (${code})`);
  });
}
