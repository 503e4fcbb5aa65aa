/**
 * Multiplanar reformatting (MPR): a series' slices as one volume, shown in three orthographic
 * Cornerstone3D viewports (axial, coronal, sagittal) that share one window. The volume's
 * geometry is lib/dicom's (`volumeOf`, checked on the server); its voxels are the modality values
 * the stack viewer's loader already gives (HU for CT), so every view shows the same numbers.
 */
import {
  cache,
  CONSTANTS,
  Enums,
  imageLoader,
  RenderingEngine,
  setVolumesForViewports,
  utilities as coreUtilities,
  ImageVolume,
  type Types,
} from '@cornerstonejs/core';
import {
  Enums as ToolEnums,
  SynchronizerManager,
  ToolGroupManager,
  synchronizers,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';
import type { ViewerCommand, ViewerConfig, ViewerToolName } from '@/app/_config/viewer';
import type { VolumeGeometry } from '@/lib/dicom/series';
import { patientAxes } from '@/lib/dicom/orientation';
import { setUpCornerstone, toolClasses } from './cornerstone-setup';
import { markersOf } from './OrientationMarkers';
import {
  emptyReformatState,
  planes,
  reformatRuns,
  reformatTools,
  steppedSlab,
  volumeImageIds,
  type Plane,
  type PlaneState,
  type Projection,
  type ReformatState,
} from './reformat';
import type { ViewerSeries } from './types';

/** Each pane's colour for the crosshair line that marks its plane in the other two. */
const lineColours: Record<Plane, string> = {
  axial: 'rgb(220, 60, 60)',
  coronal: 'rgb(60, 200, 60)',
  sagittal: 'rgb(230, 200, 40)',
};

const blendModes: Record<Projection, Enums.BlendModes> = {
  mip: Enums.BlendModes.MAXIMUM_INTENSITY_BLEND,
  minip: Enums.BlendModes.MINIMUM_INTENSITY_BLEND,
  avgip: Enums.BlendModes.AVERAGE_INTENSITY_BLEND,
};

const mprCameraValues = CONSTANTS.MPR_CAMERA_VALUES;

/** A pane whose plane's normal is further than about half a degree from its axis is oblique. */
const OBLIQUE_ALIGNMENT = Math.cos((0.5 * Math.PI) / 180);

const orientationOf: Record<Plane, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  coronal: Enums.OrientationAxis.CORONAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
};

let instanceCount = 0;

/** Resolves after the browser's next animation frame (Cornerstone renders in one). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * The volume's voxel type, after checking that every slice fits its grid: Int16 when every slice
 * is (CT with an integral rescale), else Float32 (Cornerstone converts each slice as it uploads it).
 */
function voxelTypeOf(
  images: Types.IImage[],
  geometry: VolumeGeometry,
): 'Int16Array' | 'Float32Array' {
  const [columns, rows] = geometry.dimensions;
  images.forEach((image, k) => {
    if (image.color) throw new Error(`slice ${k + 1} is a colour image: only greyscale reformats`);
    if (image.columns !== columns || image.rows !== rows) {
      throw new Error(
        `slice ${k + 1} is ${image.columns}x${image.rows}, the volume's ${columns}x${rows}`,
      );
    }
  });
  return images.every((image) => image.getPixelData() instanceof Int16Array)
    ? 'Int16Array'
    : 'Float32Array';
}

export class ReformatController {
  private readonly engine: RenderingEngine;
  private readonly toolGroup: ToolTypes.IToolGroup;
  private readonly synchronizerId: string;
  private readonly volumeId: string;
  private readonly viewportIds: Record<Plane, string>;
  private primaryTool: ViewerToolName;
  private active: Plane = 'axial';
  private state: ReformatState = emptyReformatState;
  private destroyed = false;
  /** Commands given before the volume showed, to run once it does. */
  private readonly waiting: ViewerCommand[] = [];
  private readonly listener = (): void => this.emit();

  constructor(
    private readonly elements: Record<Plane, HTMLDivElement>,
    private readonly config: ViewerConfig,
    primaryTool: ViewerToolName,
    private readonly onChange: (state: ReformatState) => void,
  ) {
    setUpCornerstone();
    instanceCount += 1;
    const suffix = `${instanceCount}`;
    this.volumeId = `secondlook-reformat-${suffix}`;
    this.engine = new RenderingEngine(`reformat-engine-${suffix}`);
    this.viewportIds = {
      axial: `reformat-axial-${suffix}`,
      coronal: `reformat-coronal-${suffix}`,
      sagittal: `reformat-sagittal-${suffix}`,
    };
    this.engine.setViewports(
      planes.map((plane) => ({
        viewportId: this.viewportIds[plane],
        type: Enums.ViewportType.ORTHOGRAPHIC,
        element: elements[plane],
        defaultOptions: { orientation: orientationOf[plane], background: [0, 0, 0] },
      })),
    );
    const toolGroup = ToolGroupManager.createToolGroup(`reformat-tools-${suffix}`);
    if (!toolGroup) throw new Error('could not create the reformat tool group');
    this.toolGroup = toolGroup;
    const colourOf = Object.fromEntries(
      planes.map((plane) => [this.viewportIds[plane], lineColours[plane]]),
    );
    for (const tool of config.tools) {
      if (!reformatTools.includes(tool.name)) continue;
      toolGroup.addTool(
        toolClasses[tool.name].toolName,
        tool.name === 'Crosshairs'
          ? {
              getReferenceLineColor: (viewportId: string) => colourOf[viewportId],
              getReferenceLineControllable: () => true,
              // Draggable: a click jumps the other panes only to lines that are. Rotating a line
              // tilts the other pane's plane, which its label then calls oblique.
              getReferenceLineDraggableRotatable: () => true,
              getReferenceLineSlabThicknessControlsOn: () => false,
            }
          : undefined,
      );
    }
    const voi = synchronizers.createVOISynchronizer(`reformat-voi-${suffix}`, {
      syncInvertState: true,
      syncColormap: false,
    });
    this.synchronizerId = voi.id;
    for (const plane of planes) {
      toolGroup.addViewport(this.viewportIds[plane], this.engine.id);
      voi.add({ renderingEngineId: this.engine.id, viewportId: this.viewportIds[plane] });
      elements[plane].addEventListener(Enums.Events.CAMERA_MODIFIED, this.listener);
      elements[plane].addEventListener(Enums.Events.VOI_MODIFIED, this.listener);
    }
    this.primaryTool = reformatTools.includes(primaryTool) ? primaryTool : 'WindowLevel';
    this.bindTools();
  }

  private viewport(plane: Plane): Types.IVolumeViewport {
    return this.engine.getViewport(this.viewportIds[plane]) as Types.IVolumeViewport;
  }

  /** The pane keys act on: the one last clicked or scrolled. */
  setActive(plane: Plane): void {
    this.active = plane;
  }

  get activeTool(): ViewerToolName {
    return this.primaryTool;
  }

  /**
   * Loads the series' slices (from Cornerstone's cache when the stack viewer has them), builds the
   * volume and shows it, opening at `window` and at the level of the stack's image `atImage`.
   */
  async show(
    series: ViewerSeries,
    geometry: VolumeGeometry,
    window: { center: number; width: number } | null,
    atImage: number,
  ): Promise<void> {
    const imageIds = volumeImageIds(series);
    this.update({ loaded: 0, total: imageIds.length });
    try {
      let loaded = 0;
      const images = await Promise.all(
        imageIds.map((imageId) =>
          imageLoader.loadAndCacheImage(imageId).then((image) => {
            loaded += 1;
            if (!this.destroyed) this.update({ loaded });
            return image;
          }),
        ),
      );
      if (this.destroyed) return;
      const first = images[0]!;
      // The volume reads the stack's own images in Cornerstone's cache, along the normal and on
      // lib/dicom's grid: no second copy of the series while MPR shows (only the GPU's texture).
      const volume = new ImageVolume({
        volumeId: this.volumeId,
        imageIds,
        dataType: voxelTypeOf(images, geometry),
        dimensions: geometry.dimensions,
        spacing: geometry.spacing,
        origin: geometry.origin,
        direction: geometry.direction as Types.Mat3,
        metadata: {
          BitsAllocated: 16,
          BitsStored: 16,
          SamplesPerPixel: 1,
          HighBit: 15,
          PhotometricInterpretation: 'MONOCHROME2',
          PixelRepresentation: 1,
          Modality: series.modality,
          ImageOrientationPatient: geometry.direction.slice(0, 6),
          PixelSpacing: [geometry.spacing[1], geometry.spacing[0]],
          FrameOfReferenceUID: '',
          Columns: geometry.dimensions[0],
          Rows: geometry.dimensions[1],
          voiLut: [],
          VOILUTFunction: 'LINEAR',
        },
      });
      cache.putVolumeSync(this.volumeId, volume);
      const opening = window ?? {
        center: first.windowCenter as number,
        width: first.windowWidth as number,
      };
      await setVolumesForViewports(
        this.engine,
        [{ volumeId: this.volumeId }],
        planes.map((plane) => this.viewportIds[plane]),
      );
      this.setWindow(opening.center, opening.width);
      const level = series.placement?.locations[atImage];
      if (level !== undefined) this.goToLevel(level, geometry.direction.slice(6, 9));
      // The pane drawn first in the first frame is drawn before the volume's texture is on the
      // GPU (a flat grey, seen in headless Chromium): drawn once more when it is.
      await nextFrame();
      this.engine.render();
      await nextFrame();
      this.update({ ready: true });
      // The crosshairs find their centre from the volumes shown: bound only now.
      this.bindTools();
      for (const command of this.waiting.splice(0)) this.run(command);
    } catch (error) {
      if (!this.destroyed) {
        this.update({ error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /**
   * Moves the pane parallel to the slices to `level` (mm along the slice normal `normal`), the
   * slice the stack showed: the other panes, which the normal lies in, stay through the centre.
   */
  private goToLevel(level: number, normal: number[]): void {
    for (const plane of planes) {
      const viewport = this.viewport(plane);
      const { focalPoint } = viewport.getCamera();
      if (!focalPoint) continue;
      const off = level - focalPoint.reduce((sum, value, axis) => sum + value * normal[axis]!, 0);
      viewport.jumpToWorld(
        focalPoint.map((value, axis) => value + off * normal[axis]!) as Types.Point3,
      );
    }
  }

  setWindow(center: number, width: number): void {
    const { lower, upper } = coreUtilities.windowLevel.toLowHighRange(width, center);
    for (const plane of planes) {
      this.viewport(plane).setProperties({ voiRange: { lower, upper } });
    }
    this.engine.render();
  }

  /**
   * Runs a command of the reformat view. A tool is taken at once; the rest, given while the volume
   * is being built, run in order once it shows (`m` then `b` at once opens MPR as a MIP).
   */
  run(command: ViewerCommand): void {
    if (!reformatRuns(command)) return;
    if (command.startsWith('tool:')) {
      this.primaryTool = command.slice('tool:'.length) as ViewerToolName;
      this.bindTools();
      this.emit();
      return;
    }
    if (!this.state.ready) {
      if (this.state.error === null) this.waiting.push(command);
      return;
    }
    if (command.startsWith('preset:')) {
      const preset = this.config.presets.find((p) => `preset:${p.id}` === command);
      if (preset) this.setWindow(preset.center, preset.width);
      return;
    }
    const viewport = this.viewport(this.active);
    const index = viewport.getSliceIndex();
    const last = viewport.getNumberOfSlices() - 1;
    switch (command) {
      case 'nextImage':
        return this.scrollTo(this.active, index + 1);
      case 'previousImage':
        return this.scrollTo(this.active, index - 1);
      case 'firstImage':
        return this.scrollTo(this.active, 0);
      case 'lastImage':
        return this.scrollTo(this.active, last);
      case 'invert':
        for (const plane of planes) {
          const pane = this.viewport(plane);
          pane.setProperties({ invert: !pane.getProperties()?.invert });
        }
        this.engine.render();
        return;
      case 'fit':
        for (const plane of planes) this.viewport(plane).resetCamera();
        this.engine.render();
        return;
      case 'mip':
      case 'minip':
      case 'avgip':
        return this.project(this.state.projection === command ? null : command, this.state.slabMm);
      case 'thickerSlab':
      case 'thinnerSlab':
        if (this.state.projection === null) return;
        return this.project(
          this.state.projection,
          steppedSlab(this.state.slabMm, command === 'thickerSlab' ? 1 : -1),
        );
      case 'reset':
        // Back to the three standard planes through the centre, untilted.
        for (const plane of planes) this.viewport(plane).setOrientation(orientationOf[plane]);
        this.engine.render();
        return;
    }
  }

  /** Each pane shows `projection` across a slab of `slabMm` about its plane, or the plane itself. */
  private project(projection: Projection | null, slabMm: number): void {
    for (const plane of planes) {
      const viewport = this.viewport(plane);
      if (projection === null) {
        viewport.setBlendMode(Enums.BlendModes.COMPOSITE);
        viewport.resetSlabThickness();
      } else {
        viewport.setBlendMode(blendModes[projection]);
        // Cornerstone clips at the focal point plus and minus its slab thickness
        // (Viewport.setOrientationOfClippingPlanes): a slab of `slabMm` is half that either side.
        viewport.setSlabThickness(slabMm / 2);
      }
    }
    this.engine.render();
    this.update({ projection, slabMm });
  }

  /** Shows slice `index` (0-based) of a pane. */
  scrollTo(plane: Plane, index: number): void {
    const viewport = this.viewport(plane);
    const target = Math.max(0, Math.min(viewport.getNumberOfSlices() - 1, index));
    viewport.scroll(target - viewport.getSliceIndex());
  }

  resize(): void {
    this.engine.resize(true, true);
  }

  destroy(): void {
    this.destroyed = true;
    for (const plane of planes) {
      this.elements[plane].removeEventListener(Enums.Events.CAMERA_MODIFIED, this.listener);
      this.elements[plane].removeEventListener(Enums.Events.VOI_MODIFIED, this.listener);
    }
    SynchronizerManager.destroySynchronizer(this.synchronizerId);
    ToolGroupManager.destroyToolGroup(this.toolGroup.id);
    this.engine.destroy();
    // The stack's images stay cached for the stack viewer.
    if (cache.getVolume(this.volumeId)) cache.removeVolumeLoadObject(this.volumeId);
  }

  private bindTools(): void {
    for (const tool of this.config.tools) {
      if (!reformatTools.includes(tool.name)) continue;
      const toolName = toolClasses[tool.name].toolName;
      if (tool.name === 'Crosshairs') {
        // Drawn (never moved by a click) while another tool has the button; none before the volume.
        if (!this.state.ready) continue;
        if (this.primaryTool === 'Crosshairs') {
          this.toolGroup.setToolActive(toolName, {
            bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }],
          });
        } else {
          this.toolGroup.setToolEnabled(toolName);
        }
        continue;
      }
      const bindings: ToolEnums.MouseBindings[] = [];
      if (tool.name === this.primaryTool) bindings.push(ToolEnums.MouseBindings.Primary);
      if (tool.binding === 'secondary') bindings.push(ToolEnums.MouseBindings.Secondary);
      if (tool.binding === 'auxiliary') bindings.push(ToolEnums.MouseBindings.Auxiliary);
      if (tool.binding === 'wheel') bindings.push(ToolEnums.MouseBindings.Wheel);
      if (bindings.length > 0) {
        this.toolGroup.setToolActive(toolName, {
          bindings: bindings.map((mouseButton) => ({ mouseButton })),
        });
      } else {
        this.toolGroup.setToolPassive(toolName);
      }
    }
  }

  private update(change: Partial<ReformatState>): void {
    this.state = { ...this.state, ...change };
    this.emit();
  }

  private emit(): void {
    if (this.destroyed) return;
    if (!this.state.ready) {
      this.onChange(this.state);
      return;
    }
    const { voiRange, invert } = this.viewport('axial').getProperties() ?? {};
    const window = voiRange
      ? coreUtilities.windowLevel.toWindowLevel(voiRange.lower, voiRange.upper)
      : null;
    const planeState = (plane: Plane): PlaneState => {
      const viewport = this.viewport(plane);
      const camera = viewport.getCamera();
      const normal = camera.viewPlaneNormal ?? [0, 0, 0];
      const standard = mprCameraValues[plane].viewPlaneNormal;
      const alignment = Math.abs(
        normal[0] * standard[0] + normal[1] * standard[1] + normal[2] * standard[2],
      );
      return {
        sliceIndex: viewport.getSliceIndex(),
        sliceCount: viewport.getNumberOfSlices(),
        orientation: markersOf(camera, patientAxes),
        oblique: alignment < OBLIQUE_ALIGNMENT,
      };
    };
    this.state = {
      ...this.state,
      windowCenter: window?.windowCenter ?? null,
      windowWidth: window?.windowWidth ?? null,
      invert: invert ?? false,
      planes: {
        axial: planeState('axial'),
        coronal: planeState('coronal'),
        sagittal: planeState('sagittal'),
      },
    };
    this.onChange(this.state);
  }
}
