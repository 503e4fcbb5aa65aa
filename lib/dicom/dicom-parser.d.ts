// dicom-parser exports its DataSet class, which its own declarations leave out; the tag browser
// makes one to read the file meta group into (lib/dicom/element-list.ts).
import 'dicom-parser';

declare module 'dicom-parser' {
  export const DataSet: new (
    byteArrayParser: ByteArrayParser,
    byteArray: ByteArray,
    elements: Record<string, Element>,
  ) => DataSet;
}
