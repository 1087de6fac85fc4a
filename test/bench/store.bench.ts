// Opening the store cold (pragmas, quick_check, migrations check) and the full integrity check.
import { createBackend } from '../../db/backend/backend';
import { integrityCheck } from '../../db/store/sqlite/pragmas';
import type { BenchSuite } from './bench-kit';

export const suite: BenchSuite = {
  name: 'store',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, file } = await kit.store(size);
      await backend.close();
      await kit.measure(
        'open store: createBackend + close (pragmas, quick_check, migrations check)',
        size,
        async () => {
          const b = await createBackend({ file });
          await b.close();
        },
      );
      const again = await createBackend({ file });
      await kit.measure('full PRAGMA integrity_check', size, () => integrityCheck(again.store.sqlite), { runs: 3 });
      await again.close();
    }
  },
};
