// PostgreSQL equivalent of ../0001-foundation.ts (db/store/postgres/migration-plugin.ts): the same
// tables; the audit log's append-only triggers in PostgreSQL's form, truncation refused as well.
// Frozen in time like the migration it stands for.
import * as shipped from '../0001-foundation';
import { postgresEquivalent } from '../../postgres/migration-plugin';

const refuse = `
  create function worksbook_refuse_change() returns trigger language plpgsql as $$
  begin
    raise exception '%', tg_argv[0] using errcode = 'restrict_violation';
  end $$`;

export const { up, down } = postgresEquivalent(shipped, {
  'create trigger audit_log_no_update': `${refuse};
    create trigger audit_log_no_update before update on audit_log
      for each row execute function worksbook_refuse_change('audit log is append-only')`,
  'create trigger audit_log_no_delete': `
    create trigger audit_log_no_delete before delete on audit_log
      for each row execute function worksbook_refuse_change('audit log is append-only');
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function worksbook_refuse_change('audit log is append-only')`,
});
