// Demo data for the imports area (filled in as the area is built).
import type { DemoStep } from './demo-context';

export const importsSteps: DemoStep[] = [];
