// Which funding stream (and project) an item is attributed to, as SQL both dialects accept: an
// officer's change if there is one, else the person's funding spell on the item's date (the
// latest-starting spell when two overlap), else — for a person with no spells recorded at all —
// the stream on their record. The counting engine and the participant's funding page both use
// these expressions, so a count and the page never disagree.
import { sql, type RawBuilder } from 'kysely';
import type { AttributedItemKind } from '../../store/tables/returns.tables';

/** The item's kind (for an officer's change), its id and its person, and the date it is
 * attributed by, as SQL expressions over the caller's query. */
export interface AttributionSubject {
  kind: AttributedItemKind | null;
  itemId: RawBuilder<unknown>;
  participantId: RawBuilder<unknown>;
  date: RawBuilder<unknown>;
}

function spellAt(s: AttributionSubject, column: 'funding_stream_id' | 'project_id'): RawBuilder<number | null> {
  return sql<number | null>`(select att_fs.${sql.ref(column)} from funding_spells att_fs
    where att_fs.participant_id = ${s.participantId} and att_fs.starts_on <= ${s.date}
    and (att_fs.ends_on is null or att_fs.ends_on >= ${s.date})
    order by att_fs.starts_on desc, att_fs.id desc limit 1)`;
}

function override(s: AttributionSubject, column: 'funding_stream_id' | 'project_id'): RawBuilder<number | null> {
  return sql<number | null>`(select att_fa.${sql.ref(column)} from funding_attributions att_fa
    where att_fa.item_kind = ${s.kind} and att_fa.item_id = ${s.itemId} and att_fa.participant_id = ${s.participantId})`;
}

/** The stream on the person's record, only while no spell is recorded for them. */
function recordStream(s: AttributionSubject): RawBuilder<number | null> {
  return sql<number | null>`(select att_p.funding_stream_id from participants att_p where att_p.id = ${s.participantId}
    and not exists (select 1 from funding_spells att_f0 where att_f0.participant_id = att_p.id))`;
}

export function attributedStream(s: AttributionSubject): RawBuilder<number | null> {
  return s.kind
    ? sql<
        number | null
      >`coalesce(${override(s, 'funding_stream_id')}, ${spellAt(s, 'funding_stream_id')}, ${recordStream(s)})`
    : sql<number | null>`coalesce(${spellAt(s, 'funding_stream_id')}, ${recordStream(s)})`;
}

export function attributedProject(s: AttributionSubject): RawBuilder<number | null> {
  if (!s.kind) return spellAt(s, 'project_id');
  return sql<
    number | null
  >`case when exists (select 1 from funding_attributions att_fe where att_fe.item_kind = ${s.kind}
    and att_fe.item_id = ${s.itemId} and att_fe.participant_id = ${s.participantId})
    then ${override(s, 'project_id')} else ${spellAt(s, 'project_id')} end`;
}

/** Whether an officer changed the item's attribution (1) or it follows the default (0). */
export function attributionChanged(s: AttributionSubject): RawBuilder<number> {
  return sql<number>`case when exists (select 1 from funding_attributions att_fc where att_fc.item_kind = ${s.kind}
    and att_fc.item_id = ${s.itemId} and att_fc.participant_id = ${s.participantId}) then 1 else 0 end`;
}

/** The date each kind of item is attributed by: an outcome's date, a placement's start, an
 * enrolment's course run start, a sign-off's date, a person's programme start. Fixed per kind, so
 * an item is attributed the same way under every indicator that counts it. */
export const attributionDate = {
  outcome: sql`i.outcome_date`,
  placement: sql`i.starts_on`,
  enrolment: sql`r.start_date`,
  site_ready: sql`i.signed_on`,
  participant: sql`coalesce(p.start_date, p.referral_date)`,
} as const;
