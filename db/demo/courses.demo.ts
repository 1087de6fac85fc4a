// Demo data for the courses area (filled in as the area is built).
import type { DemoStep } from './demo-context';

export const coursesSteps: DemoStep[] = [];
