export interface Command {
  program: string;
  args: string[];
}
