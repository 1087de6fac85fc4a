// The screens in the navigation, in order. Each area owns its screen component.
import type { ComponentType } from 'react';
import { ParticipantsScreen } from '../features/participants/ParticipantsScreen';
import { CoursesScreen } from '../features/courses/CoursesScreen';
import { OutcomesScreen } from '../features/outcomes/OutcomesScreen';
import { ReturnsScreen } from '../features/returns/ReturnsScreen';
import { ImportsScreen } from '../features/imports/ImportsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

export interface RouteDef {
  path: string;
  label: string;
  shortcut: string;
  /** Receives the rest of the path, e.g. ['42'] for #/participants/42. */
  component: ComponentType<{ rest: string[] }>;
}

export const routes: RouteDef[] = [
  { path: 'participants', label: 'Participants', shortcut: '1', component: ParticipantsScreen },
  { path: 'courses', label: 'Courses', shortcut: '2', component: CoursesScreen },
  { path: 'outcomes', label: 'Placements & outcomes', shortcut: '3', component: OutcomesScreen },
  { path: 'returns', label: 'Returns', shortcut: '4', component: ReturnsScreen },
  { path: 'imports', label: 'Imports', shortcut: '5', component: ImportsScreen },
  { path: 'settings', label: 'Settings', shortcut: '6', component: SettingsScreen },
];
