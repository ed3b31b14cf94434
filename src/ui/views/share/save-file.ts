/** Hands a file to the browser's download (the user's save location). */
export function saveFile(name: string, content: string | Blob, mime = 'application/octet-stream') {
  const blob = typeof content === 'string' ? new Blob([content], { type: mime }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started by the next task; the URL is no longer needed after it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
