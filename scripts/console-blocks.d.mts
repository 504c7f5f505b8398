export interface ConsoleBlock {
  start: number;
  end: number;
  cwd: string | undefined;
  command: string;
  args: string[];
  output: string;
  header: string;
}
export function splitArgs(line: string): string[];
export function consoleBlocks(markdown: string): ConsoleBlock[];
export function renderOutput(stdout: string, stderr: string, exitCode: number): string;
