// Channels of the trust area. Each: channel({ summary, role, input, output }).
export const trustContract = {} as const;
