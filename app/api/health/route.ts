import { checkHealth } from '@/lib/health';
import { appPacsPoller } from '@/lib/pacs';
import { appScreening } from '@/lib/screening/server';
import { getStore } from '@/lib/store';
import { json } from '../_lib/route';

/** GET, for anyone (a load balancer): the process's health; 503 when the database is down. */
export async function GET(): Promise<Response> {
  const health = await checkHealth({
    store: getStore(),
    screening: appScreening(),
    pacs: appPacsPoller(),
  });
  return json(health, health.status === 'down' ? 503 : 200);
}
