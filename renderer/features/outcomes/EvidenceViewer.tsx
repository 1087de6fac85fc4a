// Shows an image evidence file inside the app (from a blob: URL the window's policy allows).
import { useEffect, useRef } from 'react';

export function EvidenceViewer({ fileName, url, onClose }: { fileName: string; url: string; onClose(): void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), [url]);
  return (
    <figure className="panel" aria-label={`Viewing ${fileName}`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <img className="viewer-img" src={url} alt={`Evidence file ${fileName}`} />
      <figcaption>
        {fileName}{' '}
        <button type="button" ref={closeRef} onClick={onClose}>
          Close viewer
        </button>
      </figcaption>
    </figure>
  );
}
