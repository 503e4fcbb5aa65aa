'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { aiConfig } from '@/app/_config/ai';
import { viewerConfig, type ViewerCommand } from '@/app/_config/viewer';
import { renderOverlay } from '@/lib/saliency';
import { AiPanel } from '../ai/AiPanel';
import type { OverlaySettings } from '../ai/OverlayControls';
import { useBrowserAnalysis } from '../ai/use-browser-analysis';
import { ReadsPanel } from '../review/ReadsPanel';
import { ReviewPanel } from '../review/ReviewPanel';
import type { ShownAiResult } from '../review/types';
import type { OpeningView, SeriesContent, ViewerSeries } from '../viewer/types';
import Viewer, { type DisplayedImage } from '../viewer/Viewer';
import { ComparisonViewer } from './ComparisonViewer';
import { SaveViewPanel } from './SaveViewPanel';
import { NextUnreadLink } from './NextUnreadLink';
import { OtherStudies } from './OtherStudies';
import { OthersReading } from './OthersReading';
import { describeMeasurement } from './review-measurements';
import { useReviewMeasurements } from './use-review-measurements';
import { toViewerStudy } from './to-viewer-study';
import { besideSeries, newestPrior, useComparison } from './use-comparison';
import { latestInference, scoredImage, type StudyOutline, type WorkspaceDetail } from './types';
import { holdKeysForViewer } from '../viewer/keys-ahead';

/**
 * The reading screen: viewer, AI panel and review form for one study. The study comes with the
 * page (loaded and audited on the server, its series assembled there into an outline for the
 * viewer), so the viewer starts at once.
 */
export function StudyWorkspace({
  detail,
  outline,
  opening,
  reader,
  canReview,
  canReadAllReviews,
  csrfToken,
}: {
  detail: WorkspaceDetail;
  outline: StudyOutline;
  /** How the server's first image shows (see Viewer's `opening`). */
  opening: OpeningView | null;
  reader: string;
  canReview: boolean;
  /** An auditor: every reader's signed reviews, read-only. */
  canReadAllReviews: boolean;
  csrfToken: string;
}) {
  const study = useMemo(() => toViewerStudy(outline), [outline]);
  const [displayed, setDisplayed] = useState<DisplayedImage | null>(null);
  const [onScreen, setOnScreen] = useState<SeriesContent>('images');
  const seriesShown = useCallback((shown: ViewerSeries) => setOnScreen(shown.content), []);
  const comparison = useComparison();
  const { compared, setCompared, reading, setReading, setComparing } = comparison;
  const comparedId = compared?.studyId ?? null;
  const {
    saved,
    measurements,
    measuring,
    onMeasurementsChange,
    onOpenedReview,
    onShowMeasurements,
  } = useReviewMeasurements(study);
  const describe = useCallback(
    (measurement: Parameters<typeof describeMeasurement>[1]) =>
      describeMeasurement(study, measurement),
    [study],
  );
  const [overlay, setOverlay] = useState<OverlaySettings>({
    visible: false,
    opacity: aiConfig.overlay.opacity,
    colourMap: aiConfig.overlay.colourMap,
    labelIndex: 0,
  });

  const seriesId = displayed?.series.id ?? null;
  const series = detail.series.find((s) => String(s.id) === seriesId) ?? null;
  const instance = series?.instances.find((i) => String(i.id) === displayed?.image.instanceId);
  const inference = seriesId ? latestInference(detail, seriesId) : null;
  const scoredHere =
    inference !== null &&
    displayed !== null &&
    scoredImage(inference, instance, displayed.image.frame);
  const run = useBrowserAnalysis(
    displayed?.image ?? null,
    inference?.model.name ?? aiConfig.defaultModelId,
    aiConfig,
  );
  const analysis = run.state === 'done' ? run.analysis : null;
  const labels = Object.keys(analysis?.result.probabilities ?? inference?.probabilities ?? {});
  const explanation = analysis?.explanations[overlay.labelIndex] ?? null;
  const camOverlay = useMemo(
    () =>
      explanation
        ? renderOverlay(explanation.source, explanation.maximum, {
            colourMap: overlay.colourMap,
            maxAlpha: overlay.opacity,
          })
        : null,
    [explanation, overlay.colourMap, overlay.opacity],
  );

  const shown: ShownAiResult | null = useMemo(() => {
    const result = run.state === 'done' ? run.analysis.result : null;
    if (run.state === 'done' && result?.probabilities && series && instance && displayed) {
      return {
        kind: 'browser',
        input: {
          seriesId: series.id,
          model: {
            name: result.model.id,
            version: result.model.version,
            sha256: result.model.sha256,
          },
          provider: `${run.provider.runtime}/${run.provider.name}`,
          inputSha256: instance.sha256,
          instanceId: instance.id,
          frame: displayed.image.frame,
          probabilities: result.probabilities,
          findings: result.findings,
          timings: { totalMs: run.analysis.ms },
          saliency: { cam: run.analysis.cam },
          startedAt: run.analysis.startedAt,
          finishedAt: run.analysis.finishedAt,
        },
      };
    }
    return inference ? { kind: 'server', inferenceId: inference.id } : null;
  }, [run, series, instance, displayed, inference]);

  const router = useRouter();
  const [nextStudy, setNextStudy] = useState<string | null>(null);
  const onPanelCommand = useCallback(
    (command: ViewerCommand) => {
      if (command === 'toggleOverlay') setOverlay((s) => ({ ...s, visible: !s.visible }));
      if (command === 'nextStudy' && nextStudy) {
        holdKeysForViewer();
        router.push(`/studies/${nextStudy}`);
      }
      if (command === 'comparePrior') {
        const prior = newestPrior(
          detail.otherStudies,
          study.studyDate,
          displayed?.series.modality ?? null,
        );
        setCompared((shown) => (shown !== null || !prior ? null : { studyId: prior.id }));
      }
      if (command === 'sideBySide') {
        const seriesId = besideSeries(study.series, displayed?.series.id ?? null);
        // Replaces a prior shown beside; again, closes.
        setCompared((shown) =>
          shown?.studyId === study.id || seriesId === null ? null : { studyId: study.id, seriesId },
        );
      }
    },
    [nextStudy, router, detail.otherStudies, study, displayed, setCompared],
  );

  const imageId = run.state === 'done' ? run.imageId : null;
  return (
    <div className="workspace">
      <h1 className="sr-only">
        {study.patientName} {study.studyDate} {study.description}
      </h1>
      <div className={comparedId ? 'viewers comparing' : 'viewers'}>
        <Viewer
          study={study}
          opening={opening}
          config={viewerConfig}
          onDisplayedImage={setDisplayed}
          onSeriesShown={seriesShown}
          onPanelCommand={onPanelCommand}
          saliency={
            overlay.visible && camOverlay && imageId ? { overlay: camOverlay, imageId } : null
          }
          savedMeasurements={saved}
          onMeasurementsChange={onMeasurementsChange}
          onController={setReading}
          focusOnOpen
        />
        {compared ? (
          <ComparisonViewer
            compared={compared}
            thisStudy={compared.studyId === study.id ? study : null}
            modality={displayed?.series.modality ?? null}
            linkedSlices={comparison.linkedSlices}
            onLinkedSlicesChange={comparison.setLinkedSlices}
            linkedViews={comparison.linkedViews}
            onLinkedViewsChange={comparison.setLinkedViews}
            referenceLines={comparison.referenceLines}
            onReferenceLinesChange={comparison.setReferenceLines}
            sliceLinkMode={comparison.sliceLinkMode}
            onController={setComparing}
            onClose={() => setCompared(null)}
          />
        ) : null}
      </div>
      <div className="side-panels">
        {canReview ? <NextUnreadLink studyId={detail.studyId} onFound={setNextStudy} /> : null}
        <AiPanel
          config={aiConfig}
          inference={inference}
          scoredHere={scoredHere}
          run={run}
          labels={labels}
          overlay={overlay}
          colourBar={camOverlay?.colourBar ?? null}
          onOverlayChange={setOverlay}
          onScreen={onScreen}
        />
        <OtherStudies
          studies={detail.otherStudies}
          comparedId={comparedId}
          onCompare={(studyId) => setCompared(studyId === null ? null : { studyId })}
          sideBySide={comparedId === study.id}
          onSideBySide={() => onPanelCommand('sideBySide')}
        />
        {canReview ? (
          <SaveViewPanel
            studyId={detail.studyId}
            series={displayed?.series ?? null}
            controller={reading}
            measurements={measurements}
            csrfToken={csrfToken}
          />
        ) : null}
        {canReadAllReviews ? (
          <ReadsPanel
            studyId={detail.studyId}
            describe={describe}
            onShowMeasurements={onShowMeasurements}
          />
        ) : null}
        {canReview ? <OthersReading drafts={detail.othersReading} /> : null}
        {displayed && canReview ? (
          <ReviewPanel
            studyId={detail.studyId}
            labels={labels}
            ai={shown}
            reader={reader}
            measurements={measurements}
            measuring={measuring}
            describe={describe}
            onOpenedReview={onOpenedReview}
            onDiscarded={onShowMeasurements}
            csrfToken={csrfToken}
          />
        ) : null}
      </div>
    </div>
  );
}
