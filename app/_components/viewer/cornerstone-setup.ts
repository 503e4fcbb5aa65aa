/**
 * One-time set-up of Cornerstone3D in the browser: core (one WebGL context: the page has one
 * viewport), tools, and the image loader built on lib/dicom (cornerstone-loader.ts).
 */
import { getConfiguration, init as initCore } from '@cornerstonejs/core';
import {
  AngleTool,
  addTool,
  BidirectionalTool,
  CrosshairsTool,
  EllipticalROITool,
  init as initTools,
  LengthTool,
  PanTool,
  ProbeTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
} from '@cornerstonejs/tools';
import type { ViewerToolName } from '@/app/_config/viewer';
import { registerFrameLoader } from './cornerstone-loader';

/** The tool classes the configuration may name. */
export const toolClasses: Record<ViewerToolName, { toolName: string }> = {
  WindowLevel: WindowLevelTool,
  Pan: PanTool,
  Zoom: ZoomTool,
  StackScroll: StackScrollTool,
  Length: LengthTool,
  Angle: AngleTool,
  Probe: ProbeTool,
  EllipticalROI: EllipticalROITool,
  Bidirectional: BidirectionalTool,
  Crosshairs: CrosshairsTool,
};

let ready = false;

export function setUpCornerstone(): void {
  if (ready) return;
  // Cornerstone's default pool is 7 WebGL contexts, each slow to create on a software GPU.
  const defaults = getConfiguration();
  initCore({ ...defaults, rendering: { ...defaults.rendering, webGlContextCount: 1 } });
  registerFrameLoader();
  initTools();
  for (const tool of Object.values(toolClasses)) addTool(tool as Parameters<typeof addTool>[0]);
  ready = true;
}
