/**
 * Two server processes on one database, each with its screening service: every series is
 * screened once between them (one inference, one audit event), whichever process sweeps first,
 * on both databases. Each service has its own connection pool (a process of its own would).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../lib/audit';
import { generateDemoStudies } from '../../lib/demo';
import { startScreeningService, type ScreeningService } from '../../lib/screening/server';
import { importBytes, openStore, type Store } from '../../lib/store';
import { databases, freshStore, type TestStore } from '../support/databases';
import { modelDir } from '../inference/support';

describe.each(databases)('screening from two processes on %s', (kind) => {
  let store: TestStore;
  let other: Store;
  const services: ScreeningService[] = [];
  beforeEach(async () => {
    store = await freshStore(kind);
    other = kind === 'postgresql' ? await openStore(store.config) : store;
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    if (other !== store) await other.close();
    await store.dispose();
  });

  it('screens each series once between them', async () => {
    const files = generateDemoStudies();
    for (const file of files) await importBytes(store, file.bytes, file.name, null);
    const series = await store.db.series.count();
    // Both sweep at start-up, each finding every series waiting.
    const [first, second] = await Promise.all(
      [store, other].map((s) => startScreeningService(s, { modelDir, sweepEveryMs: 0 })),
    );
    services.push(first!, second!);
    await Promise.all(services.map((service) => service.queue.whenIdle()));
    const perSeries = await store.db.inference.groupBy({ by: ['seriesId'], _count: true });
    expect(perSeries).toHaveLength(series);
    expect(perSeries.every((row) => row._count === 1)).toBe(true);
    expect(await store.db.auditEvent.count({ where: { action: 'inference.record' } })).toBe(series);
    expect(await store.db.lease.count()).toBe(0);
    expect(await verifyAuditChain(store.db)).toMatchObject({ ok: true });
  }, 120_000);
});
