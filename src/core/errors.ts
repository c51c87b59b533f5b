/**
 * Who has to fix a failure decides how it is reported (the codeql-action split):
 * - InputError: an action input is invalid; the message names the input and what is accepted.
 * - ConfigError: the user's files, environment or setup are wrong; the message says what and where.
 * Anything else is a bug in build-tools and is reported as ours.
 */

export interface InputProblem {
  input: string;
  given: string | undefined;
  expected: string;
}

export class InputError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(problems.map(describeInputProblem).join('; '));
    this.name = 'InputError';
    this.problems = problems;
  }
}

export function describeInputProblem(problem: InputProblem): string {
  const given = problem.given === undefined ? 'is not set' : `is ${JSON.stringify(problem.given)}`;
  return `input '${problem.input}' ${given}: expected ${problem.expected}`;
}

/** Where in the user's files a problem sits, so it can be annotated there. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  title?: string;
}

export class ConfigError extends Error {
  readonly location: SourceLocation | undefined;

  constructor(message: string, location?: SourceLocation) {
    super(message);
    this.name = 'ConfigError';
    this.location = location;
  }
}

export function isUserError(error: unknown): error is InputError | ConfigError {
  return error instanceof InputError || error instanceof ConfigError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
