/** Types for the vendored pure-JS JPEG decoder (only what lib/dicom uses). */
declare class JpegImage {
  parse(data: Uint8Array): void;
  width: number;
  height: number;
  components: unknown[];
  colorTransform?: boolean;
  getData16(width: number, height: number): Uint16Array;
  getData(width: number, height: number): Uint8Array;
}
export default JpegImage;
