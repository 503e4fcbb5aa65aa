'use client';

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  hotkeyFor,
  type ViewerCommand,
  type ViewerConfig,
  type ViewerToolName,
} from '@/app/_config/viewer';
import type { CamOverlay } from '@/lib/saliency';
import { markOnce, marks } from './performance-marks';
import { SaliencyLayer } from './SaliencyLayer';
import { SeriesThumbnails } from './SeriesThumbnails';
import { ShortcutList } from './ShortcutList';
import { TagBrowser } from './TagBrowser';
import { displayFrame } from './frame-display';
import { FramePreview } from './FramePreview';
import { imageCitation, imagePlace, MeasurementList } from './MeasurementList';
import { openingSeries, openingState, showsSeries } from './opening-state';
import { steppedSeries } from './series-step';
import {
  reformatOnly,
  reformatRuns,
  reformatTools,
  slabCommands,
  type Projection,
} from './reformat';
import type { ReformatController } from './reformat-controller';
import { ReformatView } from './ReformatView';
import { DocumentView } from './DocumentView';
import { ObjectView } from './ObjectView';
import { PresentationLayer } from './PresentationLayer';
import { PresentationView, type StoredPresentation } from './PresentationView';
import { usePresentation } from './use-presentation';
import { ReportView, type ShowImage } from './ReportView';
import type { StackController } from './stack-controller';
import {
  emptyViewportState,
  isStackCommand,
  seriesCommands,
  workspaceCommands,
  type OpeningView,
  type SeriesContent,
  type ViewerImage,
  type ViewerMeasurement,
  type ViewerSeries,
  type ViewerStudy,
  type ViewportState,
} from './types';
import { ViewerToolbar } from './ViewerToolbar';
import { takeHeldKeys } from './keys-ahead';
import { ReferenceLineLayer } from './ReferenceLineLayer';
import { ViewportOverlay } from './ViewportOverlay';
import { useViewportController } from './use-viewport-controller';

export interface DisplayedImage {
  series: ViewerSeries;
  image: ViewerImage;
  index: number;
}

/** Why the image tools are disabled while a series holds no images. */
const NO_IMAGES: Record<Exclude<SeriesContent, 'images'>, string> = {
  report: 'a report has no images',
  document: 'a document has no images',
  presentation: 'choose a presentation state to show its images',
  object: 'not an image',
};

export interface ViewerProps {
  study: ViewerStudy;
  /** The viewport's accessible name; "Image viewport" unless told. */
  label?: string;
  /** The series to open first; the study's first unless told. */
  initialSeriesId?: string;
  /**
   * How the server's first image (in the page's HTML) shows the first image of the first series,
   * or null if that is not known: the overlay states its window until the viewport is up.
   */
  opening?: OpeningView | null;
  config: ViewerConfig;
  /** Told whenever another image is on screen. */
  onDisplayedImage?: (image: DisplayedImage) => void;
  /** Called with each series the viewer shows (images, a report or another object). */
  onSeriesShown?: (series: ViewerSeries) => void;
  /** Commands the viewer does not run itself (e.g. the saliency overlay toggle). */
  onPanelCommand?: (command: ViewerCommand) => void;
  /** A saliency overlay to draw over the image it was computed for, or null for none. */
  saliency?: { overlay: CamOverlay; imageId: string } | null;
  /**
   * Measurements to draw whenever this changes (a signed review's): beside those in the viewer,
   * each once, or with `replace` in place of them all.
   */
  savedMeasurements?: { measurements: readonly ViewerMeasurement[]; replace: boolean } | null;
  /** Told the viewer's measurements whenever one is drawn, changed or removed. */
  onMeasurementsChange?: (measurements: ViewerMeasurement[]) => void;
  /** Told the viewport's controller once it exists, and null when it goes (to link viewports). */
  onController?: (controller: StackController | null) => void;
  /**
   * The viewport takes the keyboard when the viewer opens, unless something else has it: the
   * hotkeys work as a study opens (after `n` too) without a click on the image first. It also
   * runs the keys pressed while the study was opening (keys-ahead.ts).
   */
  focusOnOpen?: boolean;
}

/** Resolves after the browser has painted what is on screen now. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Cornerstone3D and the stack controller: their own chunk, prefetched as soon as the page's
 * scripts load, but evaluated (hundreds of milliseconds of main-thread work on a slow machine)
 * only once the preview of `firstImageId` is on screen or has failed.
 */
async function loadStackController(firstImageId: string | undefined) {
  if (firstImageId) await displayFrame(firstImageId).then(afterPaint, () => undefined);
  const { StackController } = await import(/* webpackPrefetch: true */ './stack-controller');
  markOnce(marks.viewerModule);
  return StackController;
}

/**
 * Series thumbnails, toolbar and one stack viewport with its overlay and slider. Everything but
 * the viewport renders with the page; the first image shows as a lib/imaging preview until the
 * viewport (Cornerstone3D, loaded on demand) has drawn it, and the overlay and slider state what
 * the outline and `opening` tell until the viewport shows the series. The viewport element's
 * `data-ready` is "true" once its controller exists and it has drawn an image of the series
 * (commands and scrolling act from then on; those given before wait for it).
 */
export default function Viewer({
  study,
  label = 'Image viewport',
  initialSeriesId,
  opening = null,
  config,
  onDisplayedImage,
  onSeriesShown,
  onPanelCommand,
  saliency,
  savedMeasurements = null,
  onMeasurementsChange,
  onController,
  focusOnOpen = false,
}: ViewerProps) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (focusOnOpen && (active === null || active === document.body)) {
      element.current?.focus({ preventScroll: true });
    }
  }, [focusOnOpen]);
  const [state, setState] = useState<ViewportState>(emptyViewportState);
  const [activeTool, setActiveTool] = useState<ViewerToolName>('WindowLevel');
  const [seriesId, setSeriesId] = useState(
    study.series.find((s) => s.id === initialSeriesId)?.id ?? openingSeries(study.series)?.id,
  );
  const series = study.series.find((s) => s.id === seriesId);
  const preview = series?.images[0];
  const firstImageId = useRef(preview?.imageId);
  const [measurements, setMeasurements] = useState<ViewerMeasurement[]>([]);
  const [shortcuts, setShortcuts] = useState(false);
  const [tagsShown, setTagsShown] = useState(false);
  /** The series whose reformats (MPR) are on screen over the stack viewport, if any. */
  const [reformatSeries, setReformatSeries] = useState<string | null>(null);
  const reformat = reformatSeries !== null && reformatSeries === seriesId;
  /** The reformat view's controller, once it exists (a ref: a key may come before a render). */
  const reformatter = useRef<ReformatController | null>(null);
  /** The reformat view's own mouse tool (the stack's stays as it was). */
  const [reformatTool, setReformatTool] = useState<ViewerToolName>('WindowLevel');
  /** The projection the reformat view shows across its slab (its button is pressed), if any. */
  const [projection, setProjection] = useState<Projection | null>(null);
  /** The image to open the next series at (a measurement's, when one is shown). */
  const openAt = useRef(0);

  const startStack = useCallback(() => {
    const target = element.current;
    if (!target) return null;
    return loadStackController(firstImageId.current).then((Controller) => ({
      elements: [target],
      make: () => {
        const made = new Controller(target, config, setState, setMeasurements);
        setActiveTool(made.activeTool);
        return made;
      },
    }));
  }, [config]);
  const stackFailed = useCallback(
    (message: string) =>
      setState({ ...emptyViewportState, error: `the viewer could not start: ${message}` }),
    [],
  );
  const controller = useViewportController(startStack, stackFailed);
  const [presentation, setPresentation] = usePresentation(study, controller);

  /** The series the viewport was last given, and its images, to tell a new one from the same. */
  const lastSeries = useRef<{ controller: StackController; id: string; images: string } | null>(
    null,
  );
  useEffect(() => {
    if (!controller || !series) return;
    const images = series.images.map((i) => i.imageId).join('\n');
    const last = lastSeries.current;
    lastSeries.current = { controller, id: series.id, images };
    // The same series read again (the study's series listed anew, after a view is saved) stays
    // as the reader has it: its image, window, zoom and turns.
    const same = last?.controller === controller && last.id === series.id && last.images === images;
    if (series.content !== 'images' || same) return;
    void controller.showStack(
      series.images.map((i) => i.imageId),
      openAt.current,
      series.placement,
    );
    openAt.current = 0;
  }, [controller, series]);

  useEffect(() => {
    if (controller && savedMeasurements)
      controller.showMeasurements(savedMeasurements.measurements, savedMeasurements.replace);
  }, [controller, savedMeasurements]);

  useEffect(() => onMeasurementsChange?.(measurements), [measurements, onMeasurementsChange]);

  useEffect(() => {
    onController?.(controller);
    return () => onController?.(null);
  }, [controller, onController]);

  /** Scrolls to an image of the study, in another series if need be. */
  const showImageId = (imageId: string) => {
    const place = imagePlace(study, imageId);
    if (!place || !controller) return;
    if (place.seriesId === seriesId) {
      void controller.scrollTo(place.index);
    } else {
      openAt.current = place.index;
      setSeriesId(place.seriesId);
    }
  };
  const showMeasurement = (measurement: ViewerMeasurement) => showImageId(measurement.imageId);
  const showImage: ShowImage = (instanceId, frame) => {
    const image = study.series
      .flatMap((one) => one.images)
      .find((one) => one.instanceId === String(instanceId) && one.frame === frame);
    if (image) showImageId(image.imageId);
  };

  /** Shows the images through a presentation state, from the first of them the study holds. */
  const applyPresentation = (chosen: StoredPresentation) => {
    setPresentation(chosen);
    const first = chosen.images.find((image) => chosen.stored[image.sopInstanceUID] !== undefined);
    if (first) showImage(chosen.stored[first.sopInstanceUID]!, first.frames[0] ?? 1);
  };

  useEffect(() => {
    if (series) onSeriesShown?.(series);
  }, [series, onSeriesShown]);

  useEffect(() => {
    const image = series?.images[state.imageIndex];
    if (series && image && image.imageId === state.imageId) {
      onDisplayedImage?.({ series, image, index: state.imageIndex });
    }
  }, [series, state.imageId, state.imageIndex, onDisplayedImage]);

  /** The image (or report, or object) on screen, where the study has it (the tag browser reads it). */
  const notImages = series !== undefined && series.content !== 'images';
  const onScreenId = notImages ? (series.images[0]?.imageId ?? null) : state.imageId;
  const instanceIds = [...new Set(series?.images.map((image) => image.instanceId))];
  const onScreen = onScreenId === null ? null : imagePlace(study, onScreenId);
  const viewportShowsSeries = series !== undefined && showsSeries(state, series);
  const ready = controller !== null && state.rendered && viewportShowsSeries;
  const shown = series && !viewportShowsSeries ? openingState(series, opening) : state;

  const volume = series && 'volume' in series.volume ? series.volume.volume : null;

  /**
   * Why a command cannot run in the stack, or in the reformat view (which runs only some), or null.
   * A slab step without a projection is left to the reformat controller, which knows at once
   * (the projection here is React state: a `]` pressed right after `b` would find it stale).
   */
  const refused = useCallback(
    (command: ViewerCommand, inReformat: boolean): string | null => {
      if (command === 'reformat') {
        if (!series || 'volume' in series.volume) return ready ? null : 'the series is loading';
        return `not for this series: ${series.volume.refused}`;
      }
      if (inReformat && !reformatRuns(command)) return 'not in the reformat view';
      if (!inReformat && reformatOnly(command)) return 'in MPR only';
      return null;
    },
    [series, ready],
  );
  /** Why a toolbar button is disabled, or null. */
  const unavailable = useCallback(
    (command: ViewerCommand): string | null => {
      if (series && series.content !== 'images') return NO_IMAGES[series.content];
      if (slabCommands.includes(command) && projection === null) {
        return 'with MIP, MinIP or AvgIP only';
      }
      return refused(command, reformat);
    },
    [refused, projection, reformat, series],
  );

  /**
   * Whether MPR is on as the keys left it. `reformat` is React's, a render behind: a key pressed
   * right after `m` (`m` then `b`, at once) goes to the reformat, not to the stack.
   */
  const reformatOn = useRef(false);
  /** Commands for the reformat given before its controller exists; it is handed them when it does. */
  const forReformatter = useRef<ViewerCommand[]>([]);
  useEffect(() => {
    reformatOn.current = reformat;
    if (!reformat) forReformatter.current = [];
  }, [reformat]);
  const reformatterMade = useCallback((made: ReformatController | null) => {
    reformatter.current = made;
    if (!made) return;
    for (const command of forReformatter.current.splice(0)) made.run(command);
    setReformatTool(made.activeTool);
  }, []);

  /**
   * Commands given before the viewport shows the series run once it does, in order and as if
   * pressed then: a preset pressed as the study opens (`n`, then `2`) was dropped while there was
   * no viewport yet; `m` then `b` waits for the stack and opens MPR with its MIP; a key pressed
   * right after another series is chosen waits for that series' first image.
   */
  const waiting = useRef<ViewerCommand[]>([]);
  const stackReady = useRef(false);

  const runCommand = useCallback(
    (command: ViewerCommand) => {
      if (command === 'shortcuts') {
        setShortcuts((shown) => !shown);
        return;
      }
      if (command === 'tags') {
        setTagsShown((shown) => !shown);
        return;
      }
      if ((workspaceCommands as readonly ViewerCommand[]).includes(command)) {
        onPanelCommand?.(command);
        return;
      }
      if ((seriesCommands as readonly ViewerCommand[]).includes(command)) {
        const step = command === 'nextSeries' ? 1 : -1;
        const next = steppedSeries(study.series, seriesId, step);
        if (next && next.id !== seriesId) setSeriesId(next.id);
        return;
      }
      // Reports, documents and other objects have no image for the image commands to act on.
      if (notImages) return;
      const inReformat = reformatOn.current;
      // A mouse tool binds at once, to the viewport's controller once there is one.
      const bindsNow = controller !== null && command.startsWith('tool:');
      if (!inReformat && !stackReady.current && !bindsNow) {
        waiting.current.push(command);
        return;
      }
      if (refused(command, inReformat) !== null) return;
      if (command === 'reformat') {
        // The reformat opens with the stack's tool where it has it (reformat-controller.ts); the
        // controller's, as a tool key given just before may not have reached React's state yet.
        const stackTool = controller?.activeTool ?? activeTool;
        if (!inReformat)
          setReformatTool(reformatTools.includes(stackTool) ? stackTool : 'WindowLevel');
        reformatOn.current = !inReformat;
        forReformatter.current = [];
        setReformatSeries(inReformat ? null : (seriesId ?? null));
        return;
      }
      if (inReformat) {
        const made = reformatter.current;
        if (!made) {
          forReformatter.current.push(command);
          return;
        }
        made.run(command);
        setReformatTool(made.activeTool);
        return;
      }
      // Refused above outside MPR; this tells the type checker.
      if (!controller || !isStackCommand(command)) return;
      controller.run(command);
      setActiveTool(controller.activeTool);
    },
    [controller, onPanelCommand, refused, seriesId, notImages, activeTool, study.series],
  );
  useEffect(() => {
    stackReady.current = ready && controller !== null;
    if (!stackReady.current) return;
    for (const command of waiting.current.splice(0)) runCommand(command);
  }, [ready, controller, runCommand]);
  // The study page's viewer runs the keys pressed while its study opened (keys-ahead.ts) once
  // its series shows, before any pressed since.
  const tookHeldKeys = useRef(false);
  useEffect(() => {
    if (!focusOnOpen || tookHeldKeys.current) return;
    tookHeldKeys.current = true;
    const commands = takeHeldKeys().flatMap((key) => config.hotkeys[key] ?? []);
    waiting.current.unshift(...commands);
  }, [focusOnOpen, config]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) {
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && shortcuts) {
      setShortcuts(false);
      return;
    }
    if (event.key === 'Escape' && tagsShown) {
      setTagsShown(false);
      return;
    }
    if (event.key === 'Escape' && reformatOn.current) {
      reformatOn.current = false;
      forReformatter.current = [];
      setReformatSeries(null);
      return;
    }
    const command = config.hotkeys[event.key];
    if (!command) return;
    event.preventDefault();
    runCommand(command);
  };

  return (
    <div className="viewer" onKeyDown={onKeyDown}>
      <SeriesThumbnails series={study.series} activeId={seriesId} onSelect={setSeriesId} />
      <div className="viewer-main">
        <ViewerToolbar
          config={config}
          activeTool={reformat ? reformatTool : activeTool}
          playing={state.playing}
          reformat={reformat}
          projection={reformat ? projection : null}
          unavailable={unavailable}
          onCommand={runCommand}
        />
        <div className="viewport-frame">
          {preview && !state.rendered && !notImages ? <FramePreview image={preview} /> : null}
          <div
            ref={element}
            className="viewport"
            tabIndex={0}
            role="img"
            aria-label={label}
            data-image-id={state.imageId ?? ''}
            data-ready={ready}
            onContextMenu={(event) => event.preventDefault()}
          />
          {controller && saliency ? (
            <SaliencyLayer
              controller={controller}
              state={state}
              overlay={saliency.overlay}
              imageId={saliency.imageId}
            />
          ) : null}
          <ViewportOverlay study={study} series={series} state={shown} />
          {state.presented && !notImages && !reformat ? (
            <PresentationLayer presented={state.presented} />
          ) : null}
          {state.referenceLine && !reformat ? (
            <ReferenceLineLayer line={state.referenceLine} />
          ) : null}
          {reformat && series && volume ? (
            <ReformatView
              patient={[
                study.patientName,
                study.patientId && `ID ${study.patientId}`,
                study.studyDate,
              ]
                .filter(Boolean)
                .join(' · ')}
              series={series}
              geometry={volume}
              config={config}
              primaryTool={activeTool}
              window={
                state.windowCenter !== null && state.windowWidth !== null
                  ? { center: state.windowCenter, width: state.windowWidth }
                  : null
              }
              atImage={state.imageIndex}
              onController={reformatterMade}
              onProjection={setProjection}
            />
          ) : null}
          {series?.content === 'report' ? (
            <ReportView instanceIds={instanceIds} onShow={showImage} />
          ) : null}
          {series?.content === 'document' ? <DocumentView instanceIds={instanceIds} /> : null}
          {series?.content === 'presentation' ? (
            <PresentationView
              instanceIds={instanceIds}
              applied={presentation?.instanceId ?? null}
              onApply={applyPresentation}
            />
          ) : null}
          {series?.content === 'object' ? (
            <ObjectView
              name={series.objectClass}
              count={instanceIds.length}
              tagsKey={hotkeyFor(config, 'tags')}
            />
          ) : null}
          {state.error && !notImages ? (
            <p role="alert" className="viewport-error">
              {state.error}
            </p>
          ) : null}
        </div>
        {presentation && !notImages ? (
          <p className="presentation-bar" role="status">
            {state.presented
              ? `Presentation state ${presentation.label}`
              : `Presentation state ${presentation.label} is not for this image`}
            {state.presented && state.presented.notApplied.length > 0
              ? ` (not applied: ${state.presented.notApplied.join(', ')})`
              : ''}
            <button
              type="button"
              className="presentation-off"
              onClick={() => setPresentation(null)}
            >
              Show without it
            </button>
          </p>
        ) : null}
        <label className="slice-slider">
          Image
          <input
            type="range"
            min={1}
            max={Math.max(1, shown.imageCount)}
            value={shown.imageIndex + 1}
            disabled={!ready || reformat || shown.imageCount < 2}
            onChange={(event) => void controller?.scrollTo(Number(event.target.value) - 1)}
          />
        </label>
        {shortcuts ? <ShortcutList config={config} onClose={() => setShortcuts(false)} /> : null}
        {tagsShown && onScreen ? (
          <TagBrowser
            instanceId={onScreen.image.instanceId}
            title={imageCitation(onScreen)}
            onClose={() => setTagsShown(false)}
          />
        ) : null}
        <MeasurementList
          study={study}
          measurements={measurements}
          onShow={showMeasurement}
          onRemove={(measurement) => controller?.removeMeasurement(measurement.uid)}
        />
      </div>
    </div>
  );
}
