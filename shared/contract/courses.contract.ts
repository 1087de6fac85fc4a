// Channels of the courses area. Each: channel({ summary, role, input, output }).
export const coursesContract = {} as const;
