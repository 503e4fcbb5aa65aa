'use client';

import type { AiConfig } from '@/app/_config/ai';
import type { OutOfScopeReason, ProviderReport } from '@/lib/inference';
import type { ColourBarStop } from '@/lib/saliency';
import { providerName, type InferenceView } from '../study/types';
import { maxDifference } from './agreement';
import { OverlayControls, type OverlaySettings } from './OverlayControls';
import { ProbabilityTable } from './ProbabilityTable';
import type { SeriesContent } from '../viewer/types';
import type { BrowserRun } from './use-browser-analysis';

const ON_SCREEN: Record<SeriesContent, string> = {
  images: 'An image',
  report: 'A report',
  document: 'A document',
  presentation: 'A list of presentation states',
  object: 'An object that is not an image',
};

function ProviderLine({ provider }: { provider: ProviderReport }) {
  return (
    <>
      <p data-testid="browser-provider">
        {provider.runtime} · {provider.name}
        {provider.detail ? ` (${provider.detail})` : ''}
      </p>
      {provider.fallbacks.length > 0 ? (
        <ul aria-label="Provider fallbacks">
          {provider.fallbacks.map((fallback) => (
            <li key={fallback.provider}>
              {fallback.provider} not used: {fallback.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Which image the server scored, against the one on screen. */
function screenedImageText(inference: InferenceView, scoredHere: boolean): string {
  if (scoredHere) return 'Screened this image';
  if (inference.instanceId === null) return 'The screened image is not recorded';
  return `Screened another image of this series (frame ${inference.frame} of instance ${inference.instanceId})`;
}

function ServerResult({
  inference,
  scoredHere,
}: {
  inference: InferenceView;
  scoredHere: boolean;
}) {
  return (
    <section aria-label="Server screening">
      <h3>Server screening</h3>
      <p>
        {inference.model.name} v{inference.model.version} · {providerName(inference.provider)} ·{' '}
        {new Date(inference.finishedAt).toLocaleString()}
      </p>
      {inference.probabilities ? (
        <p data-testid="server-image" data-scored-here={scoredHere}>
          {screenedImageText(inference, scoredHere)}
        </p>
      ) : null}
      {inference.probabilities ? (
        <ProbabilityTable
          caption="server"
          probabilities={inference.probabilities}
          findings={inference.findings}
        />
      ) : null}
      <OutOfScope reasons={inference.outOfScope} />
      {inference.sentToPacs ? (
        <p data-testid="sent-to-pacs">
          In the PACS as a Secondary Capture
          {inference.sentToPacs.reportSeriesInstanceUID
            ? ' and a structured report'
            : ''} since {new Date(inference.sentToPacs.sentAt).toLocaleString()}
        </p>
      ) : null}
    </section>
  );
}

function OutOfScope({ reasons }: { reasons: OutOfScopeReason[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul aria-label="Out of scope">
      {reasons.map((reason) => (
        <li key={reason.code}>
          {reason.severity === 'block' ? 'Not scored' : 'Advisory'}: {reason.message} ({reason.code}
          )
        </li>
      ))}
    </ul>
  );
}

/**
 * What the model says about the series on screen: the server's screening result, the browser's
 * own run on the displayed image (and whether the two agree where they saw the same image), and
 * the Grad-CAM overlay controls.
 */
export function AiPanel({
  config,
  inference,
  scoredHere,
  run,
  labels,
  overlay,
  colourBar,
  onOverlayChange,
  onScreen,
}: {
  config: AiConfig;
  inference: InferenceView | null;
  /** Whether the image on screen is the one the server screened (its instanceId and frame). */
  scoredHere: boolean;
  run: BrowserRun;
  labels: string[];
  overlay: OverlaySettings;
  colourBar: ColourBarStop[] | null;
  onOverlayChange: (settings: OverlaySettings) => void;
  /** What the viewer shows: the panel speaks of images only while it shows images. */
  onScreen: SeriesContent;
}) {
  if (onScreen !== 'images') {
    return (
      <aside className="ai-panel" aria-labelledby="ai-heading">
        <h2 id="ai-heading">AI</h2>
        <p>
          {ON_SCREEN[onScreen]} is on screen: the model reads images, and what it says shows with
          them.
        </p>
      </aside>
    );
  }
  const browser = run.state === 'done' ? run.analysis.result : null;
  const difference =
    scoredHere && inference
      ? maxDifference(inference.probabilities, browser?.probabilities ?? null)
      : null;
  return (
    <aside className="ai-panel" aria-labelledby="ai-heading">
      <h2 id="ai-heading">AI</h2>
      {inference ? (
        <ServerResult inference={inference} scoredHere={scoredHere} />
      ) : (
        <p>Not screened on the server yet.</p>
      )}
      <section aria-label="Browser inference">
        <h3>In this browser</h3>
        {run.state === 'running' || run.state === 'idle' ? (
          <p role="status">Running the model…</p>
        ) : null}
        {run.state === 'failed' ? (
          <p role="alert">Browser inference failed: {run.message}</p>
        ) : null}
        {run.state === 'out-of-scope' ? (
          <>
            <p>
              Not run: the image on screen is outside the intended use of {run.model.id} v
              {run.model.version}.
            </p>
            <OutOfScope reasons={run.reasons} />
          </>
        ) : null}
        {run.state === 'done' ? (
          <>
            <ProviderLine provider={run.provider} />
            <p>
              {run.analysis.result.model.id} v{run.analysis.result.model.version} ·{' '}
              {run.analysis.ms.toFixed(0)} ms
            </p>
            {browser?.probabilities ? (
              <ProbabilityTable
                caption="browser"
                probabilities={browser.probabilities}
                findings={browser.findings}
              />
            ) : null}
            <OutOfScope reasons={run.analysis.result.outOfScope} />
            {difference !== null ? (
              <p data-testid="agreement">
                {difference <= config.agreementTolerance ? 'Agrees' : 'Disagrees'} with the server:
                max |Δp| = {difference.toExponential(1)} (tolerance{' '}
                {config.agreementTolerance.toExponential(0)})
              </p>
            ) : null}
          </>
        ) : null}
      </section>
      <OverlayControls
        settings={overlay}
        labels={labels}
        colourMaps={config.overlay.colourMaps}
        colourBar={colourBar}
        onChange={onOverlayChange}
      />
    </aside>
  );
}
