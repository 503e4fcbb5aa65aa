/**
 * One process in a race for a lease (tests/store/leases.test.ts): opens the store its
 * environment names, waits for the common start time, tries once and prints `won` or `lost`.
 * Usage: node --import tsx lease-racer.ts <name> <now ms> <start at ms>
 */
import { acquireLease, openStore, storeConfigFromEnv } from '../../lib/store';

async function race(): Promise<void> {
  const [name, now, startAt] = process.argv.slice(2);
  const store = await openStore(storeConfigFromEnv());
  try {
    while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
    const won = await acquireLease(
      store.db,
      name!,
      `pid-${process.pid}`,
      60_000,
      new Date(Number(now)),
    );
    process.stdout.write(won ? 'won' : 'lost');
  } finally {
    await store.close();
  }
}

void race();
