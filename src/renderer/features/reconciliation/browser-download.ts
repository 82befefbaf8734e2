/**
 * Hands a finished file to the browser as a download (Blob + <a download>). In Electron the same
 * download goes through the session's will-download, which shows a save dialog.
 */

export function downloadFile(parts: readonly BlobPart[], fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([...parts], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns in every engine we ship; keep a margin anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
