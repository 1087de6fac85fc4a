// The rules behind every form's error summary (renderer/components/form/form-problems.ts): every
// problem at once, the backend's field errors put on the form's fields, one per field in order.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  allProblems,
  fieldPaths,
  flattenErrors,
  formPathFor,
  orderProblems,
  placeServerErrors,
} from '../../renderer/components/form/form-problems';
import { participantRecordSchemaOn } from '../../shared/domain/participant-record';
import { emptyRecord } from '../../renderer/features/participants/participant-form-values';

describe('allProblems: every problem at once', () => {
  const schema = participantRecordSchemaOn('2026-03-01');
  const filled = { ...emptyRecord, firstName: 'Kwame', lastName: 'Asante', dateOfBirth: '29/2/2008' };

  it('a bad NI number and a bad postcode are both listed, by the schema itself too (so the backend lists both)', () => {
    const values = { ...filled, niNumber: 'QQ 12 34 56 C', postcode: 'XX' };
    const once = schema.safeParse(values);
    expect(once.success).toBe(false);
    expect(once.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['niNumber', 'postcode']);
    const all = allProblems(schema, values, emptyRecord);
    expect(all.map((p) => p.path.join('.')).sort()).toEqual(['niNumber', 'postcode']);
    expect(all.find((p) => p.path[0] === 'niNumber')!.message).toMatch(/cannot start with Q/);
  });

  it('says nothing about a field because of the value it was set back to', () => {
    const values = { ...filled, niNumber: 'JK 12 34 56 C', postcode: 'XX', phone: 'call me' };
    expect(
      allProblems(schema, values, emptyRecord)
        .map((p) => p.path.join('.'))
        .sort(),
    ).toEqual(['phone', 'postcode']);
  });

  it('finds nothing in valid values and adds nothing the first parse already found', () => {
    expect(allProblems(schema, { ...filled, niNumber: 'JK 12 34 56 C' }, emptyRecord)).toEqual([]);
    const simple = z.object({ a: z.string().min(1, 'Enter a'), b: z.string().min(1, 'Enter b') });
    expect(allProblems(simple, { a: '', b: '' }, { a: '', b: '' })).toEqual([
      { path: ['a'], message: 'Enter a' },
      { path: ['b'], message: 'Enter b' },
    ]);
  });

  it('reaches rules behind a failing field inside an array', () => {
    const order = z
      .object({ lines: z.array(z.object({ qty: z.number({ error: 'Enter a number' }) })), total: z.number() })
      .refine((v) => v.lines.reduce((n, l) => n + l.qty, 0) === v.total, {
        path: ['total'],
        message: 'The total is not the sum of the lines',
      });
    const values = { lines: [{ qty: 'two' }, { qty: 3 }], total: 9 };
    expect(order.safeParse(values).error!.issues.map((i) => i.path.join('.'))).toEqual(['lines.0.qty']);
    expect(allProblems(order, values, { lines: [{ qty: 2 }], total: 0 }).map((p) => p.path.join('.'))).toEqual([
      'lines.0.qty',
      'total',
    ]);
  });
});

describe('the backend’s field errors on the form', () => {
  const fields = new Set(fieldPaths({ firstName: '', niNumber: '', sessions: [{ sessionDate: '' }] }));

  it('lists every path of the values, in key order', () => {
    expect(fieldPaths({ a: 1, list: [{ b: 2 }], bytes: new Uint8Array(3) })).toEqual([
      'a',
      'list',
      'list.0',
      'list.0.b',
      'bytes',
    ]);
  });

  it('puts an error on the longest tail of its path that is a field', () => {
    expect(formPathFor(['record', 'niNumber'], fields)).toBe('niNumber');
    expect(formPathFor(['sessions', 0, 'sessionDate'], fields)).toBe('sessions.0.sessionDate');
    expect(formPathFor(['sessions', 4, 'sessionDate'], fields)).toBeNull();
    expect(formPathFor([], fields)).toBeNull();
  });

  it('keeps what concerns no field as a general problem', () => {
    expect(
      placeServerErrors(
        {
          message: 'Not saved',
          fields: [
            { path: ['record', 'niNumber'], message: 'NI number used by SW-000002' },
            { path: ['version'], message: 'Someone else saved first' },
          ],
        },
        fields,
      ),
    ).toEqual({
      onFields: [{ field: 'niNumber', message: 'NI number used by SW-000002' }],
      general: ['Someone else saved first'],
    });
    expect(placeServerErrors({ message: 'The backend is not reachable' }, fields)).toEqual({
      onFields: [],
      general: ['The backend is not reachable'],
    });
  });

  it('lets a form say where a path belongs (lines sent versus lines shown)', () => {
    const placed = placeServerErrors(
      { message: 'x', fields: [{ path: ['entries', 1, 'score'], message: 'The score must be 0 to 50' }] },
      fields,
      (path) => (path[0] === 'entries' ? `lines.${Number(path[1]) + 3}.text` : null),
    );
    expect(placed.onFields).toEqual([{ field: 'lines.4.text', message: 'The score must be 0 to 50' }]);
  });
});

describe('the summary’s list', () => {
  it('reads react-hook-form’s nested errors, arrays and whole-array errors included', () => {
    expect(
      flattenErrors({
        postcode: { type: 'custom', message: 'Enter a real postcode' },
        sessions: [undefined, { sessionDate: { type: 'custom', message: 'Session 2: enter a date' } }],
        rows: { root: { type: 'custom', message: 'Mark at least one person' } },
      }),
    ).toEqual([
      { path: ['postcode'], message: 'Enter a real postcode' },
      { path: ['sessions', 1, 'sessionDate'], message: 'Session 2: enter a date' },
      { path: ['rows'], message: 'Mark at least one person' },
    ]);
  });

  it('orders by the form’s fields, one per field, general problems last', () => {
    const order = ['firstName', 'niNumber', 'postcode'];
    expect(
      orderProblems(
        [
          { path: [], message: 'Someone else saved first' },
          { path: ['postcode'], message: 'Enter a real postcode' },
          { path: ['niNumber'], message: 'Cannot start with Q' },
          { path: ['postcode'], message: 'A second message for the postcode' },
          { path: ['unknown'], message: 'Somewhere else' },
        ],
        order,
      ),
    ).toEqual([
      { path: ['niNumber'], message: 'Cannot start with Q' },
      { path: ['postcode'], message: 'Enter a real postcode' },
      { path: ['unknown'], message: 'Somewhere else' },
      { path: [], message: 'Someone else saved first' },
    ]);
  });
});
