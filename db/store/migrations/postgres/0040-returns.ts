// PostgreSQL equivalent of ../0040-returns.ts (db/store/postgres/migration-plugin.ts): the same
// tables and seeds; a submitted return's lines frozen by PostgreSQL triggers. Frozen in time
// like the migration it stands for.
import * as shipped from '../0040-returns';
import { postgresEquivalent } from '../../postgres/migration-plugin';

export const { up, down } = postgresEquivalent(shipped, {
  'create trigger return_lines_frozen_update': `
    create trigger return_lines_frozen_update before update on return_lines
      for each row execute function worksbook_refuse_change('Submitted return lines are frozen')`,
  'create trigger return_lines_frozen_delete': `
    create trigger return_lines_frozen_delete before delete on return_lines
      for each row execute function worksbook_refuse_change('Submitted return lines are frozen');
    create trigger return_lines_frozen_truncate before truncate on return_lines
      for each statement execute function worksbook_refuse_change('Submitted return lines are frozen')`,
});
