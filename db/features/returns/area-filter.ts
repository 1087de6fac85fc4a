// The participant column each level of a counting rule's area filter reads. The geography work
// adds its levels (ward, local authority, IMD decile) here and in shared/domain/area-levels.ts.
import type { AreaLevel } from '../../../shared/domain/area-levels';

export const areaColumns: Record<AreaLevel, string> = {
  postcode_district: 'p.postcode_district',
};
