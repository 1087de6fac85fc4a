// The date until which a person's records are kept: the latest retention date over every funding
// stream that paid for them (the stream on their record and each of their funding spells) and over
// every stream of each funder they were claimed to in a submitted return — a funder's audit can
// reach anything claimed to it. Unknown (null) while any of those streams has no retention date
// set, or when there is none at all: nobody is anonymised on a guess. The retention service reads
// it (trust/retention.repository.ts); portable SQL over the caller's `p` (participants).
import { sql, type RawBuilder } from 'kysely';

export function personRetainUntil(): RawBuilder<string | null> {
  return sql<string | null>`(select case when count(*) > 0 and count(*) = count(rd_s.retain_until)
      then max(rd_s.retain_until) end
    from funding_streams rd_s
    where rd_s.id = p.funding_stream_id
      or rd_s.id in (select rd_sp.funding_stream_id from funding_spells rd_sp where rd_sp.participant_id = p.id)
      or rd_s.funder_id in (select rd_set.funder_id from return_lines rd_rl
        inner join indicator_sets rd_set on rd_set.id = rd_rl.set_id
        where rd_rl.person_id = p.id or rd_rl.participant_id = p.id))`;
}
