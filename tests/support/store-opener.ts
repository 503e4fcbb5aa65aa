/**
 * One server process opening a store (tests/store/worklist-query.test.ts): waits for the common
 * start time, opens the store its environment names (which computes stale worklist keys), and
 * prints how many studies still have stale keys.
 * Usage: node --import tsx store-opener.ts <start at ms>
 */
import { openStore, storeConfigFromEnv } from '../../lib/store';

async function open(): Promise<void> {
  const startAt = Number(process.argv[2]);
  while (Date.now() < startAt) await new Promise((resolve) => setTimeout(resolve, 1));
  const store = await openStore(storeConfigFromEnv());
  try {
    process.stdout.write(String(await store.db.study.count({ where: { keysVersion: 0 } })));
  } finally {
    await store.close();
  }
}

void open();
