/**
 * Whether this server process is fit to serve, for a load balancer or a monitor: the database
 * answers (else `down`, HTTP 503), the screening model loads and the PACS's last poll ran (else
 * `degraded`: reading still works). States only, never messages, paths or patient data: the
 * route answers anyone.
 */
import type { PacsPoller } from '../pacs';
import type { ScreeningService } from '../screening/server';
import type { Store } from '../store';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  checks: {
    database: 'ok' | 'down';
    model: 'ok' | 'unavailable' | 'off';
    /** Series waiting or being screened; null when screening is off. */
    screeningQueue: number | null;
    /** `standby`: another server process on the database holds the PACS lease and polls. */
    pacs: 'ok' | 'failing' | 'waiting' | 'standby' | 'off';
  };
}

export interface HealthParts {
  store: Promise<Store>;
  screening: Promise<ScreeningService | null>;
  pacs: Promise<PacsPoller | null>;
}

async function databaseAnswers(store: Promise<Store>): Promise<boolean> {
  try {
    await (
      await store
    ).db.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

export async function checkHealth(parts: HealthParts): Promise<Health> {
  const [database, screening, pacs] = await Promise.all([
    databaseAnswers(parts.store),
    parts.screening.catch(() => null),
    parts.pacs.catch(() => null),
  ]);
  const model = screening ? ((await screening.modelLoads()) ? 'ok' : 'unavailable') : 'off';
  const pacsStatus = pacs?.status();
  const lastPoll = pacsStatus?.lastPoll;
  const checks: Health['checks'] = {
    database: database ? 'ok' : 'down',
    model,
    screeningQueue: screening ? screening.queue.pending : null,
    pacs: !pacsStatus
      ? 'off'
      : pacsStatus.standby
        ? 'standby'
        : !lastPoll
          ? 'waiting'
          : lastPoll.error
            ? 'failing'
            : 'ok',
  };
  const degraded = checks.model === 'unavailable' || checks.pacs === 'failing';
  return { status: !database ? 'down' : degraded ? 'degraded' : 'ok', checks };
}

export { collectMetrics } from './metrics';
export { parseCspReport, recordCspViolations } from './csp-reports';
export { metricsTokenMatches } from './metrics-token';
