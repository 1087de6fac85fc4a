// Globals that every runtime running shared/ code has (the window, Node 22, Electron) but that
// TypeScript declares only in the DOM or Node types, neither of which shared/ gets.
declare function atob(data: string): string;
declare function btoa(data: string): string;
