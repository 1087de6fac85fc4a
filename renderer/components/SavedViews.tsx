// Named views of any grid: built-in presets plus views saved by the user (or shared), through
// the generic views.list/save/delete channels. The screen says how to read and apply a state.
import './grid-tools.css';
import { useState } from 'react';
import { api } from '../api/client';
import { useChannel } from '../api/use-channel';
import { useCan } from '../app/session-context';
import type { ViewState } from '../../shared/contract/participants.contract';
import { useToasts } from './Toasts';
import { ToolbarField } from './ToolbarField';

export interface Preset {
  id: string;
  name: string;
  state: Partial<ViewState>;
}

export function SavedViews({
  grid,
  presets,
  getState,
  applyState,
}: {
  grid: string;
  presets: Preset[];
  getState(): ViewState;
  applyState(state: Partial<ViewState>): void;
}) {
  const views = useChannel('views.list', { grid }, { areas: ['views'] });
  const toasts = useToasts();
  const canShare = useCan('officer');
  const [selected, setSelected] = useState(presets[0]?.id ?? '');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = (value: string) => {
    setSelected(value);
    const preset = presets.find((p) => p.id === value);
    if (preset) return applyState(preset.state);
    const view = views.data?.find((v) => `saved-${v.id}` === value);
    if (view) applyState(view.state);
  };
  const save = async () => {
    const result = await api.call('views.save', { grid, name, shared, state: getState() });
    if (!result.ok) {
      setError(result.error.fields?.[0]?.message ?? result.error.message);
      return;
    }
    setError(null);
    setSaving(false);
    setName('');
    views.reload();
    setSelected(`saved-${result.value.id}`);
    toasts.show({ kind: 'success', message: `View "${result.value.name}" saved` });
  };
  const current = views.data?.find((v) => `saved-${v.id}` === selected);
  const remove = async () => {
    if (!current) return;
    const result = await api.call('views.delete', { id: current.id });
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    views.reload();
    setSelected(presets[0]?.id ?? '');
    toasts.show({ kind: 'success', message: `View "${current.name}" deleted` });
  };

  return (
    <div className="view-bar">
      <ToolbarField id={`${grid}-view`} label="View">
        <select id={`${grid}-view`} value={selected} onChange={(e) => choose(e.target.value)}>
          <optgroup label="Built-in">
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </optgroup>
          {!!views.data?.length && (
            <optgroup label="Saved">
              {views.data.map((v) => (
                <option key={v.id} value={`saved-${v.id}`}>
                  {v.name}
                  {v.shared ? ' (shared)' : ''}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </ToolbarField>
      {current && (
        <button type="button" onClick={() => void remove()}>
          Delete view
        </button>
      )}
      {!saving ? (
        <button type="button" onClick={() => setSaving(true)}>
          Save view…
        </button>
      ) : (
        <form
          className="view-bar"
          aria-label="Save view"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          onKeyDown={(e) => e.key === 'Escape' && setSaving(false)}
        >
          <label htmlFor={`${grid}-view-name`}>View name</label>
          <input
            id={`${grid}-view-name`}
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? `${grid}-view-error` : undefined}
          />
          {canShare && (
            <label className="radio">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared with
              everyone
            </label>
          )}
          <button type="submit">Save</button>
          <button type="button" onClick={() => setSaving(false)}>
            Cancel
          </button>
          {error && (
            <span className="error-message" id={`${grid}-view-error`} role="alert">
              {error}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
