// Channels of the imports area. Each: channel({ summary, role, input, output }).
export const importsContract = {} as const;
