// Channels of the returns area. Each: channel({ summary, role, input, output }).
export const returnsContract = {} as const;
