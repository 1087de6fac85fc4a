// Under the postcode: where the postcode directory puts it (local authority, ward, deprivation
// decile), or a warning when it is no longer in use or not in the directory. Asks the backend a
// moment after typing stops; says nothing while no directory is loaded.
import { useEffect, useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { normalisePostcode } from '../../../shared/domain/identifiers';
import { decileLabel } from '../../../shared/domain/geography';

export function PostcodeCheck({ postcode }: { postcode: string }) {
  const [settled, setSettled] = useState(() => normalisePostcode(postcode));
  useEffect(() => {
    const timer = setTimeout(() => setSettled(normalisePostcode(postcode)), 400);
    return () => clearTimeout(timer);
  }, [postcode]);
  const found = useChannel('geography.lookupPostcode', { postcode: settled ?? '' }, { skip: !settled });
  const r = settled ? found.data : undefined;
  return (
    <div className="postcode-check" aria-live="polite">
      {r?.warning && (
        <p className="warning-text" id="postcode-warning">
          <strong>Check the postcode:</strong> {r.warning}
        </p>
      )}
      {r && (r.status === 'resolved' || r.status === 'terminated') && (
        <p className="hint">
          {[
            r.laName ?? r.laCode,
            r.wardName ? `${r.wardName} ward` : r.wardCode,
            r.imdDecile ? `deprivation decile ${decileLabel(r.imdDecile)}` : null,
            r.isLocal === false ? 'outside the local area' : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
    </div>
  );
}
