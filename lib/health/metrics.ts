/**
 * The server's numbers for a monitoring system, in Prometheus' text format (0.0.4): what the
 * store holds (studies by AI screening status, flagged studies and those waiting for a first read
 * with the oldest's wait, instances, inferences per model, signed and discordant reviews, audit
 * events, results in the PACS), the screening queue and model, and the PACS poller (last poll,
 * failures waiting for their next try). Counts and states only: never patient data, messages or
 * paths.
 */
import { flaggedBacklog, SCREENING_STATUSES, type Store } from '../store';
import { cspViolationCounts } from './csp-reports';
import type { HealthParts } from './index';

type Labels = Record<string, string>;

interface Family {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels?: Labels; value: number }[];
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

function format(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels ?? {})
        .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
        .join(',');
      lines.push(`${family.name}${labels ? `{${labels}}` : ''} ${sample.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function storeFamilies(store: Store): Promise<Family[]> {
  const { db } = store;
  const [
    byStatus,
    flagged,
    instances,
    inferences,
    versions,
    signed,
    discordant,
    events,
    sent,
    reviewsSent,
    backlog,
  ] = await Promise.all([
    db.study.groupBy({ by: ['aiStatus'], _count: { _all: true } }),
    db.study.count({ where: { aiFlagged: true } }),
    db.instance.count(),
    db.inference.groupBy({ by: ['modelVersionId'], _count: { _all: true } }),
    db.modelVersion.findMany({ select: { id: true, name: true, version: true } }),
    db.review.count({ where: { signedAt: { not: null }, amendedBy: { is: null } } }),
    db.review.count({
      where: { signedAt: { not: null }, amendedBy: { is: null }, discordant: true },
    }),
    db.auditEvent.count(),
    db.pacsResult.count(),
    db.pacsReviewReport.count(),
    flaggedBacklog(db),
  ]);
  const oldest = backlog.oldestReceivedAt === null ? null : Date.parse(backlog.oldestReceivedAt);
  const statusCount = new Map(byStatus.map((row) => [row.aiStatus, row._count._all]));
  const modelName = new Map(versions.map((v) => [v.id, `${v.name}@${v.version}`]));
  return [
    {
      name: 'secondlook_studies',
      help: 'Studies in the store, by AI screening status.',
      type: 'gauge',
      samples: SCREENING_STATUSES.map((status) => ({
        labels: { ai_status: status },
        value: statusCount.get(status) ?? 0,
      })),
    },
    {
      name: 'secondlook_studies_flagged',
      help: 'Studies with a finding flagged by the AI at some operating point.',
      type: 'gauge',
      samples: [{ value: flagged }],
    },
    {
      name: 'secondlook_studies_flagged_unread',
      help: 'Flagged studies nobody has a signed review of: the triage backlog.',
      type: 'gauge',
      samples: [{ value: backlog.flaggedUnread }],
    },
    {
      name: 'secondlook_flagged_unread_oldest_wait_seconds',
      help: 'How long the oldest flagged study nobody has read has waited since it arrived (0: none waits).',
      type: 'gauge',
      samples: [{ value: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000) }],
    },
    {
      name: 'secondlook_instances',
      help: 'DICOM instances in the store.',
      type: 'gauge',
      samples: [{ value: instances }],
    },
    {
      name: 'secondlook_inferences_total',
      help: 'Model runs recorded, by model.',
      type: 'counter',
      samples: inferences.map((row) => ({
        labels: { model: modelName.get(row.modelVersionId) ?? String(row.modelVersionId) },
        value: row._count._all,
      })),
    },
    {
      name: 'secondlook_reviews_signed',
      help: 'Signed reviews in force (an amended review counts once).',
      type: 'gauge',
      samples: [{ value: signed }],
    },
    {
      name: 'secondlook_reviews_discordant',
      help: 'Signed reviews in force that disagree with the AI.',
      type: 'gauge',
      samples: [{ value: discordant }],
    },
    {
      name: 'secondlook_audit_events_total',
      help: 'Events in the audit trail.',
      type: 'counter',
      samples: [{ value: events }],
    },
    {
      name: 'secondlook_pacs_results_total',
      help: 'Screening results stored in the PACS.',
      type: 'counter',
      samples: [{ value: sent }],
    },
    {
      name: 'secondlook_pacs_reviews_total',
      help: 'Signed reviews stored in the PACS as structured reports.',
      type: 'counter',
      samples: [{ value: reviewsSent }],
    },
  ];
}

async function processFamilies(parts: HealthParts, store: Store): Promise<Family[]> {
  const [screening, pacs] = await Promise.all([
    parts.screening.catch(() => null),
    parts.pacs.catch(() => null),
  ]);
  const families: Family[] = [
    {
      name: 'secondlook_csp_violations_total',
      help: 'Content Security Policy violations browsers reported to this process, by directive.',
      type: 'counter',
      samples: [...cspViolationCounts()].map(([directive, value]) => ({
        labels: { directive },
        value,
      })),
    },
  ];
  if (screening) {
    families.push(
      {
        name: 'secondlook_screening_queue',
        help: 'Series waiting for or in screening in this process.',
        type: 'gauge',
        samples: [{ value: screening.queue.pending }],
      },
      {
        name: 'secondlook_model_up',
        help: 'Whether the screening model loads (1) or not (0).',
        type: 'gauge',
        samples: [{ value: (await screening.modelLoads()) ? 1 : 0 }],
      },
    );
  }
  const status = pacs?.status();
  if (status) {
    const waiting = await store.db.pacsFailure.groupBy({
      by: ['kind'],
      where: { retryAt: { gt: new Date() } },
      _count: { _all: true },
    });
    const waitingOf = new Map(waiting.map((row) => [row.kind, row._count._all]));
    families.push(
      {
        name: 'secondlook_pacs_standby',
        help: 'Whether this process stands by while another polls the PACS (1) or polls (0).',
        type: 'gauge',
        samples: [{ value: status.standby ? 1 : 0 }],
      },
      {
        name: 'secondlook_pacs_last_poll_ok',
        help: 'Whether the last PACS poll of this process ran (1) or failed as a whole (0).',
        type: 'gauge',
        samples: status.lastPoll ? [{ value: status.lastPoll.error ? 0 : 1 }] : [],
      },
      {
        name: 'secondlook_pacs_last_poll_timestamp_seconds',
        help: 'When the last PACS poll of this process finished.',
        type: 'gauge',
        samples: status.lastPoll ? [{ value: Date.parse(status.lastPoll.finishedAt) / 1000 }] : [],
      },
      {
        name: 'secondlook_pacs_failures_waiting',
        help: 'Instances and results the PACS poller failed on, waiting for their next try.',
        type: 'gauge',
        samples: ['instance', 'result'].map((kind) => ({
          labels: { kind },
          value: waitingOf.get(kind) ?? 0,
        })),
      },
    );
  }
  return families;
}

/** The exposition text; throws when the database does not answer. */
export async function collectMetrics(parts: HealthParts): Promise<string> {
  const store = await parts.store;
  return format([...(await storeFamilies(store)), ...(await processFamilies(parts, store))]);
}
