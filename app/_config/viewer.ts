/**
 * The viewer as data: which tools exist and how they are bound, and which keys do what.
 * Components read this object; they hold no per-tool branches.
 */
import { ctWindowPresets, type WindowPreset } from '@/lib/imaging/presets';

/** Cornerstone3D tool names (the `toolName` static of each tool class). */
export type ViewerToolName =
  | 'WindowLevel'
  | 'Pan'
  | 'Zoom'
  | 'StackScroll'
  | 'Length'
  | 'Angle'
  | 'Probe'
  | 'EllipticalROI'
  | 'Bidirectional'
  | 'Crosshairs';

export type MouseBinding = 'primary' | 'secondary' | 'auxiliary' | 'wheel';

interface ViewerTool {
  name: ViewerToolName;
  label: string;
  /** Binding when the tool is active from the start; absent for tools chosen in the toolbar. */
  binding?: MouseBinding;
  /** Whether the toolbar offers the tool for the primary button. */
  selectable: boolean;
}

/** Commands a key or a toolbar button can run; `preset:` and `tool:` carry their target. */
export type ViewerCommand =
  | 'nextImage'
  | 'previousImage'
  | 'firstImage'
  | 'lastImage'
  | 'nextSeries'
  | 'previousSeries'
  | 'invert'
  | 'flipHorizontal'
  | 'flipVertical'
  | 'rotateRight'
  | 'fit'
  | 'reset'
  | 'cine'
  | 'fileWindow'
  | 'toggleOverlay'
  | 'nextStudy'
  | 'comparePrior'
  | 'sideBySide'
  | 'removeMeasurement'
  | 'shortcuts'
  | 'tags'
  | 'reformat'
  | 'mip'
  | 'minip'
  | 'avgip'
  | 'thickerSlab'
  | 'thinnerSlab'
  | `preset:${string}`
  | `tool:${ViewerToolName}`;

interface ToolbarButton {
  command: ViewerCommand;
  label: string;
}

/** What each command without a tool, preset or toolbar button of its own does, in words. */
export const commandLabels: Record<string, string> = {
  nextImage: 'Next image',
  previousImage: 'Previous image',
  firstImage: 'First image',
  lastImage: 'Last image',
  nextSeries: 'Next series',
  previousSeries: 'Previous series',
  toggleOverlay: 'Grad-CAM overlay on or off',
  nextStudy: 'Next unread study',
  comparePrior: 'Compare with the newest prior of this modality (again: close it)',
  sideBySide: 'Another series of this study beside this one (again: close it)',
  removeMeasurement: 'Remove the selected measurement',
  shortcuts: 'These shortcuts',
  tags: 'DICOM tags of the image on screen (again: close them)',
};

export interface ViewerConfig {
  tools: readonly ViewerTool[];
  /** Buttons beside the tool and preset buttons, in order. */
  toolbar: readonly ToolbarButton[];
  hotkeys: Readonly<Record<string, ViewerCommand>>;
  presets: readonly WindowPreset[];
  /** Frames per second for cine play. */
  cineFps: number;
}

/** The key bound to `command`, if any. */
export function hotkeyFor(config: ViewerConfig, command: ViewerCommand): string | undefined {
  return Object.entries(config.hotkeys).find(([, bound]) => bound === command)?.[0];
}

function presetHotkeys(presets: readonly WindowPreset[]): Record<string, ViewerCommand> {
  return Object.fromEntries(presets.map((preset) => [preset.hotkey, `preset:${preset.id}`]));
}

export const viewerConfig: ViewerConfig = {
  tools: [
    { name: 'WindowLevel', label: 'Window/level', binding: 'primary', selectable: true },
    { name: 'Pan', label: 'Pan', binding: 'auxiliary', selectable: true },
    { name: 'Zoom', label: 'Zoom', binding: 'secondary', selectable: true },
    { name: 'StackScroll', label: 'Scroll', binding: 'wheel', selectable: false },
    { name: 'Length', label: 'Length', selectable: true },
    { name: 'Angle', label: 'Angle', selectable: true },
    // The modality value under a point, and mean, spread, range and area in an ellipse: HU on CT.
    { name: 'Probe', label: 'Probe', selectable: true },
    { name: 'EllipticalROI', label: 'Ellipse ROI', selectable: true },
    { name: 'Bidirectional', label: 'Bidirectional', selectable: true },
    // MPR only: a click in one pane moves the other two to that point; the lines show where they are.
    { name: 'Crosshairs', label: 'Crosshairs', selectable: true },
  ],
  toolbar: [
    { command: 'invert', label: 'Invert' },
    // A film scanned sideways or mirrored is turned the right way round (reset undoes it).
    { command: 'flipHorizontal', label: 'Flip H' },
    { command: 'flipVertical', label: 'Flip V' },
    { command: 'rotateRight', label: 'Rotate 90°' },
    { command: 'fit', label: 'Fit' },
    { command: 'reset', label: 'Reset' },
    { command: 'cine', label: 'Cine' },
    { command: 'fileWindow', label: 'File window' },
    // Axial, coronal and sagittal views of a CT or MR series (multiplanar reformat).
    { command: 'reformat', label: 'MPR' },
    // MPR only: each pane shows the brightest (vessels, nodules), darkest (airways, emphysema)
    // or mean value across a slab about its plane, 10 mm at first; the slab steps from 3 to 50 mm.
    { command: 'mip', label: 'MIP' },
    { command: 'minip', label: 'MinIP' },
    { command: 'avgip', label: 'AvgIP' },
    { command: 'thinnerSlab', label: 'Slab −' },
    { command: 'thickerSlab', label: 'Slab +' },
  ],
  hotkeys: {
    ArrowDown: 'nextImage',
    ArrowRight: 'nextImage',
    ArrowUp: 'previousImage',
    ArrowLeft: 'previousImage',
    Home: 'firstImage',
    End: 'lastImage',
    PageDown: 'nextSeries',
    PageUp: 'previousSeries',
    i: 'invert',
    f: 'fit',
    r: 'reset',
    c: 'cine',
    w: 'fileWindow',
    m: 'reformat',
    b: 'mip',
    j: 'minip',
    k: 'avgip',
    '[': 'thinnerSlab',
    ']': 'thickerSlab',
    g: 'toggleOverlay',
    // The next study this reader has not signed, in the worklist's order (the study page's link).
    n: 'nextStudy',
    // The patient's newest earlier study of the modality on screen, beside this one.
    o: 'comparePrior',
    // The next series of this study (of the modality on screen first), or this one again, beside it.
    s: 'sideBySide',
    Delete: 'removeMeasurement',
    Backspace: 'removeMeasurement',
    '?': 'shortcuts',
    // Every element of the instance on screen, nested sequences included, with a filter.
    t: 'tags',
    l: 'tool:Length',
    a: 'tool:Angle',
    h: 'tool:Probe',
    e: 'tool:EllipticalROI',
    d: 'tool:Bidirectional',
    p: 'tool:Pan',
    z: 'tool:Zoom',
    v: 'tool:WindowLevel',
    x: 'tool:Crosshairs',
    ...presetHotkeys(ctWindowPresets),
  },
  presets: ctWindowPresets,
  cineFps: 15,
};

/** Tools that only look (window, pan, zoom, scroll): nothing a review would sign. */
const lookingTools: readonly ViewerToolName[] = [
  'WindowLevel',
  'Pan',
  'Zoom',
  'StackScroll',
  'Crosshairs',
];
/** Commands that act on the study being read: its AI overlay, its measurements, the next one. */
const readingCommands: readonly ViewerCommand[] = [
  'toggleOverlay',
  'nextStudy',
  'comparePrior',
  'sideBySide',
  'removeMeasurement',
];

/**
 * The viewer beside the one being read, showing another study of the patient for comparison:
 * the same looking tools, presets and keys, without measuring tools or the reading's commands,
 * so nothing drawn there could be signed with the review of this study.
 */
export const comparisonViewerConfig: ViewerConfig = {
  ...viewerConfig,
  tools: viewerConfig.tools.filter((tool) => lookingTools.includes(tool.name)),
  hotkeys: Object.fromEntries(
    Object.entries(viewerConfig.hotkeys).filter(
      ([, command]) =>
        !readingCommands.includes(command) &&
        !(
          command.startsWith('tool:') && !lookingTools.includes(command.slice(5) as ViewerToolName)
        ),
    ),
  ),
};
