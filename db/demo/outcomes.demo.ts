// Demo data for the outcomes area (filled in as the area is built).
import type { DemoStep } from './demo-context';

export const outcomesSteps: DemoStep[] = [];
