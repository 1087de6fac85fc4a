// The imports area's addresses.
import { int, route } from '../../app/route';

export const importsRoutes = {
  home: route('imports'),
  batch: route('imports/batches/:id', { id: int }),
  reconcile: route('imports/reconcile'),
};
