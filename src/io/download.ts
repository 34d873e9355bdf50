/** Saving bytes as a file: a page cannot write to disk, so it hands the browser a link to click. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  // Blob wants ArrayBuffer-backed bytes; a copy is made only when they sit elsewhere.
  const part = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const url = URL.createObjectURL(new Blob([part], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  // Firefox ignores clicks on links that are not in the document.
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers (FileSaver.js waits 40 s).
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}
