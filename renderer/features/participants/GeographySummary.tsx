// Where a participant lives, under their name: local authority, ward, neighbourhood and
// deprivation decile from the postcode directory, whether that is the local area, and what to
// check when the postcode is no longer in use or not in the directory.
import type { ParticipantGeography } from '../../../shared/contract/geography.contract';
import { decileLabel, geoStatusLabels } from '../../../shared/domain/geography';

export function GeographySummary({ g }: { g: ParticipantGeography }) {
  const resolved = g.status === 'resolved' || g.status === 'terminated';
  return (
    <div className="geography-summary" aria-label="Where they live">
      {resolved ? (
        <p>
          <span>
            Lives in <strong>{g.laName ?? g.laCode}</strong>
          </span>
          {(g.wardName || g.wardCode) && (
            <span>
              {' '}
              · Ward: <strong data-testid="participant-ward">{g.wardName ?? g.wardCode}</strong>
            </span>
          )}
          {g.lsoaCode && (
            <span> · Neighbourhood (LSOA): {g.lsoaName ? `${g.lsoaName} (${g.lsoaCode})` : g.lsoaCode}</span>
          )}
          <span> · Deprivation decile (IMD): {decileLabel(g.imdDecile)}</span>
          <span className={`tag ${g.isLocal ? 'tag-green' : 'tag-grey'}`}>{g.isLocal ? 'Local' : 'Not local'}</span>
        </p>
      ) : (
        <p className="muted">
          {geoStatusLabels[g.status]}
          {g.status === 'no_fixed_abode' && g.isLocal ? ' · local connection shown' : ''}
        </p>
      )}
      {g.warning && (
        <p className="warning-text">
          <strong>Check the postcode:</strong> {g.warning}
        </p>
      )}
      {g.stale && resolved && (
        <p className="muted">
          Worked out from {g.lookup ?? 'an earlier file'}; a newer file has been loaded and the next update will use it.
        </p>
      )}
    </div>
  );
}
