// The date until which a person's records are kept: the latest retention date over every funding
// stream that paid for them (the stream on their record and each of their funding spells) and over
// every stream of each funder they were claimed to in a submitted return — a funder's audit can
// reach anything claimed to it. Unknown (null) while any of those streams has no retention date
// set, or when there is none at all: no stream date is guessed; the programme's default rule (time
// since the last activity) applies instead, held back while a stream that sets a date keeps them
// longer. The retention service reads both (trust/retention.repository.ts); portable SQL over the
// caller's `p` (participants).
import { sql, type RawBuilder } from 'kysely';

/** The streams behind a person `p`: their record's, their spells' and those of every funder they
 * were claimed to. */
const personStreams = sql`from funding_streams rd_s
    where rd_s.id = p.funding_stream_id
      or rd_s.id in (select rd_sp.funding_stream_id from funding_spells rd_sp where rd_sp.participant_id = p.id)
      or rd_s.funder_id in (select rd_set.funder_id from return_lines rd_rl
        inner join indicator_sets rd_set on rd_set.id = rd_rl.set_id
        where rd_rl.person_id = p.id or rd_rl.participant_id = p.id)`;

export function personRetainUntil(): RawBuilder<string | null> {
  return sql<string | null>`(select case when count(*) > 0 and count(*) = count(rd_s.retain_until)
      then max(rd_s.retain_until) end ${personStreams})`;
}

/** The latest date any of the person's streams sets (null when none sets one): a stream that keeps
 * them longer holds the programme's default rule back. */
export function personLatestStreamDate(): RawBuilder<string | null> {
  return sql<string | null>`(select max(rd_s.retain_until) ${personStreams})`;
}
