// Keyworker support's fixed lists: the parts of an action plan and how a contact was made.
import type { Option } from './reference-lists';

export const planItemKinds = [
  { code: 'goal', label: 'Goal' },
  { code: 'barrier', label: 'Barrier addressed' },
  { code: 'step', label: 'Next step' },
] as const satisfies readonly Option[];
export type PlanItemKind = (typeof planItemKinds)[number]['code'];
export const planItemKindCodes = planItemKinds.map((k) => k.code) as [PlanItemKind, ...PlanItemKind[]];

export const contactMethods = [
  { code: 'face_to_face', label: 'Face to face' },
  { code: 'phone', label: 'Phone' },
  { code: 'video', label: 'Video call' },
  { code: 'email', label: 'Email' },
  { code: 'text_message', label: 'Text message' },
] as const satisfies readonly Option[];
export type ContactMethod = (typeof contactMethods)[number]['code'];
export const contactMethodCodes = contactMethods.map((k) => k.code) as [ContactMethod, ...ContactMethod[]];
