// Demo data for the returns area (filled in as the area is built).
import type { DemoStep } from './demo-context';

export const returnsSteps: DemoStep[] = [];
