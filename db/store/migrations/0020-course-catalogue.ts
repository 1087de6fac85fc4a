// Courses area: a description on catalogue entries, the catalogue shipped with the app
// (administrators edit it afterwards), and indexes the registers and waiting lists rely on.
// Frozen in time: never edit once shipped; add 0021 instead.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('course_types').addColumn('description', 'text').execute();
  await db.schema.alterTable('course_types').addColumn('updated_at', 'text').execute();

  // Waiting lists are read in position order per run; attendance per session.
  await db.schema
    .createIndex('enrolments_run_status')
    .on('enrolments')
    .columns(['course_run_id', 'status', 'waiting_position'])
    .execute();
  await db.schema.createIndex('attendance_session').on('attendance').column('course_session_id').execute();
  await db.schema.createIndex('hse_tests_run').on('hse_tests').column('course_run_id').execute();
  await db.schema.createIndex('cscs_cards_run').on('cscs_cards').column('course_run_id').execute();
  await db.schema.createIndex('l1_awards_run').on('l1_awards').column('course_run_id').execute();

  // code, name, typical days, leads to, CSCS route component, description
  const types: Array<[string, string, number, string, string | null, string]> = [
    [
      'cscs_pre_employment',
      'CSCS pre-employment construction course',
      10,
      'L1 Award, HS&E test, CSCS Labourer card, work placement and a guaranteed interview',
      'pre_employment',
      'Sector-based work academy style course (up to 6 weeks).',
    ],
    [
      'l1_award',
      'Level 1 Award in Health and Safety in a Construction Environment',
      1,
      'The qualification needed for a CSCS Labourer (green) card',
      'l1_award',
      'Regulated Level 1 qualification.',
    ],
    [
      'hse_test',
      'CITB Health, Safety and Environment test (operatives)',
      1,
      'A pass (45 out of 50) needed for a CSCS card: valid 2 years, 3 for a first Labourer card from 1 Feb 2025',
      'hse_test',
      '50 multiple-choice questions in 45 minutes at a test centre.',
    ],
    [
      'cscs_card_application',
      'CSCS card application',
      1,
      'A CSCS Labourer (green) card',
      'card_application',
      'Application made with the L1 Award and an HS&E pass.',
    ],
    ['first_aid', 'Emergency First Aid at Work', 1, 'EFAW certificate (valid 3 years)', null, ''],
    ['manual_handling', 'Manual handling', 1, 'Manual handling certificate', null, ''],
    ['asbestos_awareness', 'Asbestos awareness', 1, 'Asbestos awareness certificate (refresh yearly)', null, ''],
    ['working_at_height', 'Working at height', 1, 'Working at height certificate', null, ''],
    [
      'employability',
      'Employability: CV and interview skills',
      3,
      'An up-to-date CV, interview practice and a guaranteed interview',
      null,
      '',
    ],
    ['fire_safety', 'Fire safety awareness', 1, 'Fire safety awareness certificate', null, ''],
    ['traffic_marshal', 'Traffic marshal and banksman', 1, 'Traffic marshal certificate', null, ''],
    ['esol_construction', 'ESOL for construction', 10, 'Site English and safety vocabulary', null, ''],
  ];
  for (const [i, [code, name, typicalDays, leadsTo, component, description]] of types.entries()) {
    await db
      .insertInto('course_types')
      .values({
        code,
        name,
        provider_org_id: null,
        typical_days: typicalDays,
        leads_to: leadsTo,
        cscs_component: component,
        sort_order: (i + 1) * 10,
        is_active: 1,
        description: description || null,
        updated_at: null,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
