/**
 * Photos from the camera are large (12 MP, 4–8 MB) and carry EXIF with the position.
 * Drawing them on a canvas at most 1600 px wide or high and saving as JPEG makes them a
 * few hundred kB and leaves the metadata behind, before anything is stored or sent.
 */
export const MAX_PHOTO_PX = 1600;

export async function downscaleToJpeg(file: Blob, maxPx = MAX_PHOTO_PX, quality = 0.85): Promise<ArrayBuffer> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxPx / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('canvas produced no JPEG');
  return blob.arrayBuffer();
}
