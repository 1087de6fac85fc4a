// The import steps: file → sheet and kind → mapping → preview and decisions → commit. The
// file and preview stay in the backend; this component holds only their ids.
import { useCallback, useState } from 'react';
import type { UploadInfo } from '../../../shared/contract/imports.contract';
import type { ImportKind, ImportProfile } from '../../../shared/domain/import-profile';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { FileDrop } from './FileDrop';
import { fileBytes, runJob } from './run-job';
import { SheetStep } from './SheetStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';

type Step =
  | { name: 'file' }
  | { name: 'sheet' }
  | { name: 'map'; sheet: string; kind: ImportKind; profile: ImportProfile | null }
  | { name: 'preview'; previewId: string };
const stepNames = [
  ['file', 'File'],
  ['sheet', 'Sheet'],
  ['map', 'Columns'],
  ['preview', 'Check and import'],
] as const;

export function ImportWizard() {
  const [step, setStep] = useState<Step>({ name: 'file' });
  const [upload, setUpload] = useState<UploadInfo | null>(null);
  const [fileProblem, setFileProblem] = useState<{ message: string; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = useCallback(async (file: File) => {
    setBusy(true);
    const result = await runJob<UploadInfo>(async () => api.call('imports.open', { file: await fileBytes(file) }));
    setBusy(false);
    if (!result.ok) {
      setFileProblem((p) => ({ message: result.error.message, attempt: (p?.attempt ?? 0) + 1 }));
      return;
    }
    setFileProblem(null);
    setUpload(result.value);
    setStep({ name: 'sheet' });
  }, []);

  const restart = () => {
    setStep({ name: 'file' });
    setUpload(null);
    setFileProblem(null);
  };

  return (
    <section aria-labelledby="import-steps-title" className="import-wizard">
      <h2 id="import-steps-title" className="visually-hidden">
        Import a partner file
      </h2>
      <ol className="steps" aria-label="Import steps">
        {stepNames.map(([name, label]) => (
          <li key={name} aria-current={step.name === name ? 'step' : undefined}>
            {label}
          </li>
        ))}
      </ol>
      <ErrorSummary
        problems={fileProblem ? [{ path: ['file'], message: fileProblem.message }] : []}
        focusKey={fileProblem?.attempt ?? 0}
        title="The file cannot be imported"
      />
      {step.name === 'file' && (
        <div id="field-file" tabIndex={-1}>
          <FileDrop onFile={(f) => void onFile(f)} busy={busy} />
        </div>
      )}
      {step.name === 'sheet' && upload && (
        <SheetStep
          upload={upload}
          onBack={restart}
          onNext={(sheet, kind, profile) => setStep({ name: 'map', sheet, kind, profile })}
        />
      )}
      {step.name === 'map' && upload && (
        <MappingStep
          upload={upload}
          sheet={step.sheet}
          kind={step.kind}
          initial={step.profile}
          onBack={() => setStep({ name: 'sheet' })}
          onPreview={(previewId) => setStep({ name: 'preview', previewId })}
        />
      )}
      {step.name === 'preview' && <PreviewStep previewId={step.previewId} onStartAgain={restart} />}
    </section>
  );
}
