// Channels of the outcomes area. Each: channel({ summary, role, input, output }).
export const outcomesContract = {} as const;
