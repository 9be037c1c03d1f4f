// What a palette drag carries: the template name under our own MIME type, so drops of files or
// text from elsewhere are ignored. While a drag runs, `dragover` may not read the data (the
// browser keeps it private until the drop), so the page also remembers which template it is.

export const TEMPLATE_MIME = 'application/x-pipewright-template';

let dragging: string | undefined;

export function startTemplateDrag(transfer: DataTransfer, templateName: string): void {
  transfer.setData(TEMPLATE_MIME, templateName);
  // Text too, so a drag that leaves the designer is still meaningful; the drop reads the MIME.
  transfer.setData('text/plain', templateName);
  transfer.effectAllowed = 'copy';
  dragging = templateName;
}

export function endTemplateDrag(): void {
  dragging = undefined;
}

/** True when a drag event carries a palette template. */
export function carriesTemplate(transfer: DataTransfer | null): boolean {
  return transfer !== null && [...transfer.types].includes(TEMPLATE_MIME);
}

/** The template being dragged, for the drop indicator (known only for drags from this page). */
export function draggedTemplate(): string | undefined {
  return dragging;
}
