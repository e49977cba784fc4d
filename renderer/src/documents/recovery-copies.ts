// Recovery copies from the renderer's side: a moment after each edit, the host keeps the unsaved
// text of a dirty document (or drops the copy once the document is clean again); after a crash
// the next start offers them back (RecoveryDialog).
import type { HostClient, RecoveryCopy } from '../../../shared/common/ipc';
import { preferredLineEnding } from '../../../shared/common/text/line-endings';
import { isLargeModel } from '../editor/parsed-model';
import type { monaco } from '../editor/monaco';
import { createModel, type OpenDocument } from './documents';

const RECOVERY_DELAY_MS = 800;
/** Copying a file of tens of megabytes takes seconds: for large files, wait until typing has long stopped. */
const LARGE_RECOVERY_DELAY_MS = 30_000;

export class RecoveryCopies {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly client: HostClient) {}

  /** After an edit: `latest()` is read when the delay ends (null when the document was closed). */
  schedule(model: monaco.editor.ITextModel, documentId: string, latest: () => { document: OpenDocument; title: string } | null): void {
    clearTimeout(this.timers.get(documentId));
    this.timers.set(
      documentId,
      setTimeout(
        () => {
          this.timers.delete(documentId);
          const current = latest();
          if (!current || model.isDisposed()) return;
          const { document, title } = current;
          const request = document.dirty
            ? this.client.invoke('recovery.write', {
                documentId: document.id,
                path: document.path,
                title,
                text: model.getValue(),
                encoding: document.encoding,
                savedAt: new Date().toISOString(),
              })
            : this.client.invoke('recovery.discard', { documentId: document.id });
          request.catch(() => undefined);
        },
        isLargeModel(model) ? LARGE_RECOVERY_DELAY_MS : RECOVERY_DELAY_MS,
      ),
    );
  }

  /** The document was saved or closed: no copy is needed any more. */
  drop(documentId: string): void {
    clearTimeout(this.timers.get(documentId));
    this.timers.delete(documentId);
    this.client.invoke('recovery.discard', { documentId }).catch(() => undefined);
  }
}

/** A restored copy as an open, dirty document (its model is created here). */
export function documentFromRecoveryCopy(copy: RecoveryCopy, untitledNumber: number | null): OpenDocument {
  const model = createModel(copy.documentId, copy.text, copy.path);
  return {
    id: copy.documentId,
    path: copy.path,
    untitledNumber: copy.path ? null : untitledNumber,
    encoding: copy.encoding,
    lineEnding: preferredLineEnding(copy.text),
    diskSha256: null,
    // Never equal to the model's version: the restored text is not what is on disk.
    savedVersionId: model.getAlternativeVersionId() - 1,
    dirty: true,
  };
}
