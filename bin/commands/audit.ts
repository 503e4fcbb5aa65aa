/**
 * `secondlook audit verify [--json]`: walks the hash chain; exit 0 when it holds, 1 with the
 * first broken event otherwise.
 * `secondlook audit export [--from D] [--to D] [--user NAME] [--study ID] [--action KIND]
 * --format csv|json [--out FILE]`: the events that match (time range [from, to), actor, study,
 * event kind or family) for auditors, with their hashes; the export is itself audited. The
 * filter means what the audit page's filter means (lib/audit parseAuditFilter).
 * `secondlook audit saliency [--flagged] [--limit N] [--json]`: the saliency page's confounder
 * audit (lib/review saliencyAudit); the text lists study ids, not patients.
 */
import { writeFileSync } from 'node:fs';
import {
  exportAuditEvents,
  parseAuditFilter,
  parseExportFormat,
  verifyAuditChain,
} from '../../lib/audit';
import { SecondlookError } from '../../lib/errors';
import { saliencyAudit, type SaliencyAudit } from '../../lib/review';
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
  '[--study ID] [--action KIND] --format csv|json [--out FILE] | audit saliency [--flagged] [--limit N] [--json]';

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : `${(100 * value).toFixed(1)}%`;

function saliencyText(audit: SaliencyAudit): string {
  const lines = [
    `flagged: a positive call with over ${percent(audit.limits.borderMass)} of its map on the border band or over ${percent(audit.limits.outsideBodyMass)} outside the body; ${audit.considered} newest inferences${audit.truncated ? ' (older ones not counted)' : ''}`,
  ];
  for (const group of audit.models) {
    const reasons = group.outOfScope.map((r) => `${r.code} ${r.count}`).join(', ');
    lines.push(
      `${group.model.name} ${group.model.version}: ${group.scored} scored, ${group.positive} positive, ${group.judged} with a map, ${group.flagged.any} flagged (border ${group.flagged.border}, outside body ${group.flagged.outsideBody}); median border ${percent(group.median?.borderMass)}, outside body ${percent(group.median?.outsideBodyMass)}${reasons ? `; out of scope: ${reasons}` : ''}`,
    );
  }
  for (const row of audit.rows) {
    const call = row.call
      ? `${row.call.label} ${row.call.probability.toFixed(3)}${row.call.positive ? ' positive' : ''}`
      : '-';
    lines.push(
      `study ${row.studyId} inference ${row.inferenceId} ${row.provider ?? '-'}: ${call}; outside body ${percent(row.cam?.outsideBodyMass)}, border ${percent(row.cam?.borderMass)}; flags: ${row.flags.join(', ') || '-'}; readers: ${row.readerConfounders.join(', ') || '-'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

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
      flagged: { type: 'boolean' },
      limit: { type: 'string' },
    });
    const action = positionals[0];
    if (positionals.length !== 1 || !['verify', 'export', 'saliency'].includes(action ?? ''))
      throw new SecondlookError('USAGE', USAGE);
    const limit = values.limit === undefined ? 200 : Number(values.limit);
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new SecondlookError(
        'USAGE',
        `--limit takes a whole number from 1, got '${values.limit}'`,
      );
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
      if (action === 'saliency') {
        const audit = await saliencyAudit(store.db, {
          flaggedOnly: values.flagged === true,
          limit,
        });
        io.stdout(values.json ? `${JSON.stringify(audit)}\n` : saliencyText(audit));
        return EXIT_OK;
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
