/**
 * Drives one Cornerstone3D stack viewport: stack loading, tool bindings from the viewer
 * configuration, and the commands that keys and buttons run. Reports what is on screen through
 * `onChange` so React only renders state.
 */
import {
  Enums,
  getRenderingEngine,
  RenderingEngine,
  metaData,
  utilities as coreUtilities,
  type Types,
} from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  SynchronizerManager,
  ToolGroupManager,
  synchronizers,
  utilities as toolUtilities,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { MouseBinding, ViewerConfig, ViewerToolName } from '@/app/_config/viewer';
import { patientAxes, projectionAxes } from '@/lib/dicom/orientation';
import { setUpCornerstone, toolClasses } from './cornerstone-setup';
import { holdFiles, multiFrameFiles } from './frame-loader';
import { MeasurementLayer } from './measurement-layer';
import { reformatOnlyTools } from './reformat';
import { imagePlaneOf } from './image-plane';
import { pixelToPatient, referenceSegment, type CuttingPlane } from './reference-line';
import {
  applyPresentation,
  presentationFor,
  presentedOn,
  spatialOf,
  type ShownPresentation,
} from './presentation';
import type { PresentationDisplay } from '@/lib/dicom/presentation-display';
import { showCrossReferences } from './cross-reference';
import { followSlices } from './slice-follow';
import type { SliceLinkMode } from './slice-link';
import { markersOf } from './OrientationMarkers';
import { markOnce, marks } from './performance-marks';
import {
  emptyViewportState,
  type ReferenceLine,
  type SlicePlacement,
  type StackCommand,
  type ViewerMeasurement,
  type ViewportState,
} from './types';

const mouseBindings: Record<MouseBinding, ToolEnums.MouseBindings> = {
  primary: ToolEnums.MouseBindings.Primary,
  secondary: ToolEnums.MouseBindings.Secondary,
  auxiliary: ToolEnums.MouseBindings.Auxiliary,
  wheel: ToolEnums.MouseBindings.Wheel,
};

const viewportEvents = [
  Enums.Events.IMAGE_RENDERED,
  Enums.Events.STACK_NEW_IMAGE,
  Enums.Events.VOI_MODIFIED,
  Enums.Events.CAMERA_MODIFIED,
] as const;

let instanceCount = 0;
let linkCount = 0;

function numbers(value: unknown): number[] {
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return typeof value === 'number' ? [value] : [];
}

function fileWindowsOf(imageId: string): ViewportState['fileWindows'] {
  const voi = metaData.get('voiLutModule', imageId) as
    | { windowCenter?: unknown; windowWidth?: unknown; windowCenterWidthExplanation?: unknown }
    | undefined;
  const centers = numbers(voi?.windowCenter);
  const widths = numbers(voi?.windowWidth);
  const explanations = Array.isArray(voi?.windowCenterWidthExplanation)
    ? (voi.windowCenterWidthExplanation as unknown[])
    : [];
  return centers.flatMap((center, i) => {
    const width = widths[i];
    if (width === undefined) return [];
    const explanation = explanations[i];
    return [{ center, width, explanation: typeof explanation === 'string' ? explanation : null }];
  });
}

/** A reason to show for a failed load; Cornerstone sometimes rejects with a bare Event. */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error instanceof Event) return `the image could not be loaded (${error.type})`;
  return 'the image could not be loaded';
}

function positionOf(imageId: string): Types.Point3 | null {
  const plane = metaData.get('imagePlaneModule', imageId) as
    { imagePositionPatient?: Types.Point3; positioned?: boolean } | undefined;
  // The loader fills in 0,0,0 for images without a plane position: show none then.
  if (!plane?.positioned) return null;
  return plane.imagePositionPatient ?? null;
}

/** The patient's axes in the image's world: LPS with a plane, else the radiograph's own. */
function axesOf(imageId: string) {
  const plane = metaData.get('imagePlaneModule', imageId) as
    { positioned?: boolean; patientOrientation?: string[] | null } | undefined;
  if (plane?.positioned) return patientAxes;
  return projectionAxes(plane?.patientOrientation ?? null);
}

/** A linked viewport, looked up in its own rendering engine. */
function viewportOf(id: { renderingEngineId: string; viewportId: string }) {
  return getRenderingEngine(id.renderingEngineId)?.getViewport(id.viewportId) as
    Types.IStackViewport | undefined;
}

export class StackController {
  private readonly engine: RenderingEngine;
  private readonly viewportId: string;
  private readonly toolGroup: ToolTypes.IToolGroup;
  private primaryTool: ViewerToolName;
  private playing = false;
  private fileWindowIndex = -1;
  private rendered = false;
  private readonly measurements: MeasurementLayer;
  private readonly listener = (): void => this.emit();
  /** Where the images of the stack shown lie, for a linked viewport to follow its scrolling. */
  private placement: SlicePlacement | null = null;
  private referencePlane: CuttingPlane | null = null;
  private destroyed = false;
  /** The multi-frame files of the stack shown, held while it is (frame-loader.ts). */
  private stackFiles: string[] = [];
  /** The presentation state chosen, and what it does to the image on screen (null: nothing). */
  private presentation: ShownPresentation | null = null;
  private presentedDisplay: PresentationDisplay | null = null;
  private readonly onNewImage = (): void => {
    holdFiles(this, this.stackFiles, this.viewport.getCurrentImageId());
    this.measurements.drawWaiting();
    if (this.presentation || this.presentedDisplay) this.present();
  };
  private readonly onFirstRender = (): void => {
    this.rendered = true;
    markOnce(marks.viewportImage);
    this.emit();
  };

  constructor(
    readonly element: HTMLDivElement,
    private readonly config: ViewerConfig,
    private readonly onChange: (state: ViewportState) => void,
    onMeasurements: (measurements: ViewerMeasurement[]) => void,
  ) {
    setUpCornerstone();
    markOnce(marks.cornerstoneReady);
    instanceCount += 1;
    const suffix = `${instanceCount}`;
    this.viewportId = `stack-${suffix}`;
    this.engine = new RenderingEngine(`engine-${suffix}`);
    this.engine.enableElement({
      viewportId: this.viewportId,
      type: Enums.ViewportType.STACK,
      element,
      defaultOptions: { background: [0, 0, 0] },
    });
    const toolGroup = ToolGroupManager.createToolGroup(`tools-${suffix}`);
    if (!toolGroup) throw new Error('could not create the viewer tool group');
    this.toolGroup = toolGroup;
    for (const tool of this.stackTools) toolGroup.addTool(toolClasses[tool.name].toolName);
    toolGroup.addViewport(this.viewportId, this.engine.id);
    this.primaryTool =
      config.tools.find((tool) => tool.binding === 'primary')?.name ?? 'WindowLevel';
    this.bindTools();
    markOnce(marks.viewportReady);
    for (const event of viewportEvents) element.addEventListener(event, this.listener);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, this.onFirstRender, { once: true });
    this.measurements = new MeasurementLayer(() => this.viewport, onMeasurements);
    element.addEventListener(Enums.Events.STACK_NEW_IMAGE, this.onNewImage);
  }

  get viewport(): Types.IStackViewport {
    return this.engine.getViewport(this.viewportId) as Types.IStackViewport;
  }

  /** Shows a series' images, from image `index` (0-based). */
  async showStack(
    imageIds: string[],
    index = 0,
    placement: SlicePlacement | null = null,
  ): Promise<void> {
    this.placement = placement;
    this.stopCine();
    this.fileWindowIndex = -1;
    const first = Math.max(0, Math.min(imageIds.length - 1, index));
    this.stackFiles = multiFrameFiles(imageIds);
    holdFiles(this, this.stackFiles, imageIds[first]);
    try {
      await this.viewport.setStack(imageIds, first);
      this.viewport.render();
      // A new stack starts from its images' own windows and a reset camera.
      this.presentedDisplay = null;
      if (this.presentation) this.present();
      // Load the rest of the stack in the background, nearest slices first, so scrolling renders.
      if (imageIds.length > 1) toolUtilities.stackPrefetch.enable(this.element);
      this.emit();
    } catch (error) {
      this.emit(messageOf(error));
    }
  }

  async scrollTo(index: number): Promise<void> {
    // A linked viewport's follow can arrive just after this one is gone.
    if (this.destroyed) return;
    const count = this.viewport.getImageIds().length;
    if (count === 0) return;
    try {
      await this.viewport.setImageIdIndex(Math.max(0, Math.min(count - 1, index)));
    } catch (error) {
      this.emit(messageOf(error));
    }
  }

  setPrimaryTool(name: ViewerToolName): void {
    this.primaryTool = name;
    this.bindTools();
    this.emit();
  }

  get activeTool(): ViewerToolName {
    return this.primaryTool;
  }

  setWindow(center: number, width: number): void {
    const { lower, upper } = coreUtilities.windowLevel.toLowHighRange(width, center);
    this.viewport.setProperties({ voiRange: { lower, upper } });
    this.viewport.render();
  }

  run(command: StackCommand): void {
    if (command.startsWith('preset:')) {
      const preset = this.config.presets.find((p) => `preset:${p.id}` === command);
      if (preset) this.setWindow(preset.center, preset.width);
      return;
    }
    if (command.startsWith('tool:')) {
      this.setPrimaryTool(command.slice('tool:'.length) as ViewerToolName);
      return;
    }
    const index = this.viewport.getCurrentImageIdIndex();
    const last = this.viewport.getImageIds().length - 1;
    switch (command) {
      case 'nextImage':
        void this.scrollTo(index + 1);
        return;
      case 'previousImage':
        void this.scrollTo(index - 1);
        return;
      case 'firstImage':
        void this.scrollTo(0);
        return;
      case 'lastImage':
        void this.scrollTo(last);
        return;
      case 'invert':
        this.viewport.setProperties({ invert: !this.viewport.getProperties().invert });
        this.viewport.render();
        return;
      case 'flipHorizontal':
      case 'flipVertical': {
        // setCamera, not setViewPresentation: Cornerstone 5.14's setViewPresentation cannot
        // unflip (it passes `false` to flip(), which only toggles on `true`).
        const flipped = this.viewport.getCamera()[command] ?? false;
        this.viewport.setCamera({ [command]: !flipped });
        this.viewport.render();
        return;
      }
      case 'rotateRight': {
        const rotation = this.viewport.getViewPresentation().rotation ?? 0;
        this.viewport.setViewPresentation({ rotation: (rotation + 90) % 360 });
        this.viewport.render();
        return;
      }
      case 'fit':
        this.viewport.resetCamera();
        this.viewport.render();
        return;
      case 'reset':
        this.viewport.resetCamera();
        this.viewport.resetProperties();
        this.viewport.render();
        return;
      case 'cine':
        if (this.playing) this.stopCine();
        else this.startCine();
        this.emit();
        return;
      case 'fileWindow':
        this.nextFileWindow();
        return;
      case 'removeMeasurement':
        this.measurements.removeSelected();
        return;
    }
  }

  /**
   * Shows the images a presentation state applies to as it says (presentation.ts), each as it
   * comes on screen; the others, and all once it is null, as the viewer shows them by default.
   */
  showPresentation(shown: ShownPresentation | null): void {
    const same = shown?.state.sopInstanceUID === this.presentation?.state.sopInstanceUID;
    this.presentation = shown;
    // The same state handed again (the study's series were read again), or none again, changes
    // nothing the reader did since.
    if (same) {
      if (shown) this.emit();
      return;
    }
    // Another state is applied whole to the image on screen; none puts it back as stored.
    this.presentedDisplay = null;
    this.present(true);
  }

  /**
   * The image on screen as a presentation state would give it: its window, the grey scale's
   * sense (low values white), and the rotation and then flip it is shown with; null without one.
   */
  viewOnScreen(): {
    window: { center: number; width: number };
    invert: boolean;
    rotation: 0 | 90 | 180 | 270;
    flip: boolean;
  } | null {
    const imageId = this.viewport.getCurrentImageId();
    const { voiRange, invert } = this.viewport.getProperties();
    if (!imageId || !voiRange) return null;
    const { windowCenter, windowWidth } = coreUtilities.windowLevel.toWindowLevel(
      voiRange.lower,
      voiRange.upper,
    );
    const hundredths = (value: number) => Math.round(value * 100) / 100;
    return {
      window: { center: hundredths(windowCenter), width: hundredths(windowWidth) },
      invert: invert ?? false,
      ...spatialOf(this.viewport, imageId),
    };
  }

  /** Where image pixel (x, y) of `imageId` is on the viewport's canvas, in CSS pixels. */
  imageToCanvas(imageId: string, x: number, y: number): Types.Point2 | null {
    const world = coreUtilities.imageToWorldCoords(imageId, [x, y]);
    return world ? this.viewport.worldToCanvas(world) : null;
  }

  /**
   * Draws these measurements (a signed review's): added to those in the viewer, once each, or
   * in place of them all with `replace`.
   */
  showMeasurements(measurements: readonly ViewerMeasurement[], replace: boolean): void {
    if (replace) this.measurements.replace(measurements);
    else this.measurements.add(measurements);
  }

  removeMeasurement(uid: string): void {
    this.measurements.remove(uid);
  }

  /**
   * Links this viewport's window and zoom with another's: each follows the other's changes of
   * window width and level, zoom and pan (not inversion, which follows each file's photometric
   * interpretation). Returns the unlinking.
   */
  linkViews(other: StackController): () => void {
    linkCount += 1;
    const voi = synchronizers.createVOISynchronizer(`voi-link-${linkCount}`, {
      syncInvertState: false,
      syncColormap: false,
    });
    // Cornerstone's zoom-pan synchronizer looks the source up in the target's rendering engine;
    // each viewer has its own, so each viewport is looked up in its own here.
    const camera = SynchronizerManager.createSynchronizer(
      `zoom-link-${linkCount}`,
      Enums.Events.CAMERA_MODIFIED,
      (_, source, target) => {
        const from = viewportOf(source);
        const to = viewportOf(target);
        if (!from || !to) return;
        to.setZoom(from.getZoom());
        to.setPan(from.getPan());
        to.render();
      },
    );
    for (const controller of [this, other]) {
      const viewport = {
        renderingEngineId: controller.engine.id,
        viewportId: controller.viewportId,
      };
      voi.add(viewport);
      camera.add(viewport);
    }
    return () => {
      SynchronizerManager.destroySynchronizer(voi.id);
      SynchronizerManager.destroySynchronizer(camera.id);
    };
  }

  /**
   * Links this viewport's slices with another's (slice-follow.ts); `onMode` hears how they
   * follow. Returns the unlinking.
   */
  linkSlices(other: StackController, onMode: (mode: SliceLinkMode) => void): () => void {
    return followSlices(this, other, onMode);
  }

  /**
   * Shows reference lines between this viewport and another while their images cross in one
   * frame of reference (cross-reference.ts). Returns the undoing.
   */
  showReferencesWith(other: StackController): () => void {
    return showCrossReferences(this, other);
  }

  /** Draws where another image's plane cuts the image on screen (cross-reference.ts); null: none. */
  showReferencePlane(plane: CuttingPlane | null): void {
    // A link is undone after the viewer beside is gone: its viewport can no longer be asked.
    if (this.destroyed || plane === this.referencePlane) return;
    this.referencePlane = plane;
    this.emit();
  }

  /** Where the images of the series on screen lie (slice-follow.ts). */
  get slicePlacement(): SlicePlacement | null {
    return this.placement;
  }

  resize(): void {
    this.engine.resize(true, true);
  }

  destroy(): void {
    this.destroyed = true;
    this.stopCine();
    toolUtilities.stackPrefetch.disable(this.element);
    for (const event of viewportEvents) this.element.removeEventListener(event, this.listener);
    this.element.removeEventListener(Enums.Events.STACK_NEW_IMAGE, this.onNewImage);
    this.measurements.destroy();
    holdFiles(this, [], undefined);
    ToolGroupManager.destroyToolGroup(this.toolGroup.id);
    this.engine.destroy();
  }

  /** Applies the state chosen to the image on screen; `restore`: show it as stored if none. */
  private present(restore = false): void {
    const imageId = this.viewport.getCurrentImageId();
    const display =
      imageId && this.presentation ? presentationFor(this.presentation, imageId) : null;
    if (display) {
      applyPresentation(this.viewport, display, this.presentedDisplay);
    } else if (imageId && (this.presentedDisplay || restore)) {
      this.viewport.resetCamera();
      this.viewport.resetProperties();
      this.viewport.render();
    }
    this.presentedDisplay = display;
    this.emit();
  }

  private nextFileWindow(): void {
    const imageId = this.viewport.getCurrentImageId();
    const windows = imageId ? fileWindowsOf(imageId) : [];
    if (windows.length === 0) return;
    this.fileWindowIndex = (this.fileWindowIndex + 1) % windows.length;
    const chosen = windows[this.fileWindowIndex];
    if (chosen) this.setWindow(chosen.center, chosen.width);
  }

  private startCine(): void {
    if (this.viewport.getImageIds().length < 2) return;
    toolUtilities.cine.playClip(this.element, {
      framesPerSecond: this.config.cineFps,
      loop: true,
    });
    this.playing = true;
  }

  private stopCine(): void {
    if (!this.playing) return;
    toolUtilities.cine.stopClip(this.element, {
      stopDynamicCine: true,
      viewportId: this.viewportId,
    });
    this.playing = false;
  }

  /** The configured tools a stack of acquired images uses (crosshairs are MPR's). */
  private get stackTools() {
    return this.config.tools.filter((tool) => !reformatOnlyTools.includes(tool.name));
  }

  private bindTools(): void {
    for (const tool of this.stackTools) {
      const bindings: ToolEnums.MouseBindings[] = [];
      if (tool.name === this.primaryTool) bindings.push(mouseBindings.primary);
      if (tool.binding && tool.binding !== 'primary') bindings.push(mouseBindings[tool.binding]);
      const toolName = toolClasses[tool.name].toolName;
      if (bindings.length > 0) {
        this.toolGroup.setToolActive(toolName, {
          bindings: bindings.map((mouseButton) => ({ mouseButton })),
        });
      } else {
        this.toolGroup.setToolPassive(toolName);
      }
    }
  }

  private emit(error: string | null = null): void {
    const viewport = this.viewport;
    const imageIds = viewport.getImageIds();
    if (imageIds.length === 0) {
      this.onChange({ ...emptyViewportState, rendered: this.rendered, error });
      return;
    }
    const imageId = viewport.getCurrentImageId() ?? null;
    const { voiRange, invert } = viewport.getProperties();
    const window = voiRange
      ? coreUtilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper)
      : null;
    this.onChange({
      imageIndex: viewport.getCurrentImageIdIndex(),
      imageCount: imageIds.length,
      imageId,
      position: imageId ? positionOf(imageId) : null,
      windowCenter: window?.windowCenter ?? null,
      windowWidth: window?.windowWidth ?? null,
      invert: invert ?? false,
      zoom: viewport.getZoom(),
      orientation: imageId ? markersOf(viewport.getCamera(), axesOf(imageId)) : null,
      playing: this.playing,
      fileWindows: imageId ? fileWindowsOf(imageId) : [],
      rendered: this.rendered,
      referenceLine: imageId && this.referencePlane ? this.referenceLineOn(imageId) : null,
      presented:
        imageId && this.presentation && this.presentedDisplay
          ? presentedOn(viewport, imageId, this.presentation.state.label, this.presentedDisplay)
          : null,
      error,
    });
  }

  private referenceLineOn(imageId: string): ReferenceLine | null {
    const plane = imagePlaneOf(imageId);
    const pixels = plane && this.referencePlane && referenceSegment(plane, this.referencePlane);
    if (!plane || !pixels) return null;
    const canvas = pixels.map((point) =>
      this.viewport.worldToCanvas(pixelToPatient(plane, point)),
    ) as ReferenceLine['canvas'];
    return { canvas, pixels };
  }
}
