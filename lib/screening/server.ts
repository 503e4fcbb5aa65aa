/**
 * lib/screening for the server: the queue wired to lib/store (kept apart from `./node` so the
 * CLI does not load Prisma to classify a file).
 */
export * from './node';
export { enqueueAwaiting, storeBackend } from './store-backend';
export {
  appScreening,
  defaultModelDir,
  notifyIngested,
  startAppScreening,
  startScreeningService,
  type ScreeningService,
} from './service';
