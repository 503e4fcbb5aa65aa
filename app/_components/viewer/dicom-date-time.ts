/** A DICOM date (DA, `YYYYMMDD`) and time (TM, `HHMMSS.FFFFFF`) as `YYYY-MM-DD HH:MM:SS`. */
export function dicomDateTime(date: string | null, time: string | null): string {
  const day = date?.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3') ?? '';
  const clock = time?.replace(/^(\d{2})(\d{2})(\d{2}).*$/, '$1:$2:$3') ?? '';
  return [day, clock].filter(Boolean).join(' ');
}
