/**
 * One-time set-up of Cornerstone3D in the browser: core, tools, and the DICOM image loader
 * (whose decoders run in a web worker with WASM codecs bundled by webpack).
 */
import { init as initCore } from '@cornerstonejs/core';
import {
  AngleTool,
  addTool,
  init as initTools,
  LengthTool,
  PanTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import type { ViewerToolName } from '@/app/_config/viewer';

/** The tool classes the configuration may name. */
export const toolClasses: Record<ViewerToolName, { toolName: string }> = {
  WindowLevel: WindowLevelTool,
  Pan: PanTool,
  Zoom: ZoomTool,
  StackScroll: StackScrollTool,
  Length: LengthTool,
  Angle: AngleTool,
};

let ready = false;

export function setUpCornerstone(): void {
  if (ready) return;
  initCore();
  initLoader({ maxWebWorkers: Math.max(1, Math.min(4, navigator.hardwareConcurrency - 1)) });
  initTools();
  addTool(WindowLevelTool);
  addTool(PanTool);
  addTool(ZoomTool);
  addTool(StackScrollTool);
  addTool(LengthTool);
  addTool(AngleTool);
  ready = true;
}
