/**
 * `secondlook audit verify [--json]`: walks the hash chain; exit 0 when it holds, 1 with the
 * first broken event otherwise.
 * `secondlook audit export [--from D] [--to D] [--user NAME] [--study ID] [--action KIND]
 * --format csv|json [--out FILE]`: the events that match (time range [from, to), actor, study,
 * event kind or family) for auditors, with their hashes; the export is itself audited. The
 * filter means what the audit page's filter means (lib/audit parseAuditFilter).
 */
import { writeFileSync } from 'node:fs';
import {
  exportAuditEvents,
  parseAuditFilter,
  parseExportFormat,
  verifyAuditChain,
} from '../../lib/audit';
import { SecondlookError } from '../../lib/errors';
import { openStore, storeConfigFromEnv } from '../../lib/store';
import {
  EXIT_OK,
  EXIT_SOME_FAILED,
  parseCommandArgs,
  type Command,
  type CommandIO,
} from '../command';

const USAGE =
  'usage: secondlook audit verify [--json] | audit export [--from D] [--to D] [--user NAME] ' +
  '[--study ID] [--action KIND] --format csv|json [--out FILE]';

const FILTER_FLAGS = ['from', 'to', 'user', 'study', 'action'] as const;

export const command: Command = {
  async run(argv: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      json: { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      user: { type: 'string' },
      study: { type: 'string' },
      action: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    });
    const action = positionals[0];
    if (positionals.length !== 1 || (action !== 'verify' && action !== 'export'))
      throw new SecondlookError('USAGE', USAGE);
    const store = await openStore(storeConfigFromEnv());
    try {
      if (action === 'verify') {
        const report = await verifyAuditChain(store.db);
        if (values.json) {
          io.stdout(`${JSON.stringify(report)}\n`);
        } else if (report.ok) {
          io.stdout(`ok: ${report.events} events, head ${report.headHash}\n`);
        } else {
          io.stdout(
            `BROKEN at event ${report.firstBadEvent?.seq}: ${report.firstBadEvent?.reason} (${report.events} events read)\n`,
          );
        }
        return report.ok ? EXIT_OK : EXIT_SOME_FAILED;
      }
      const query = new URLSearchParams();
      for (const flag of FILTER_FLAGS) {
        const value = values[flag];
        if (value !== undefined) query.set(flag, value);
      }
      const exported = await exportAuditEvents(store.db, {
        ...parseAuditFilter(query),
        format: parseExportFormat(values.format ?? 'json'),
        actor: { id: null, name: 'cli' },
      });
      if (values.out) {
        writeFileSync(values.out, exported.body);
        io.stderr(`wrote ${exported.events} events to ${values.out}\n`);
      } else {
        io.stdout(exported.body);
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
