/**
 * The runner's protocol, written directly: workflow commands on stdout and file commands appended
 * to GITHUB_OUTPUT / GITHUB_STATE / GITHUB_ENV / GITHUB_PATH. @actions/core does the same, but it
 * also loads an HTTP client at import time, which costs every run of every action its start-up.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProperties {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats `::command key=value,...::message`. */
export function formatCommand(command: string, message: string, properties: Record<string, string | number | undefined> = {}): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export function annotationCommand(level: AnnotationLevel, message: string, properties: AnnotationProperties = {}): string {
  return formatCommand(level, message, {
    title: properties.title,
    file: properties.file,
    line: properties.line,
    endLine: properties.endLine,
    col: properties.column,
    endColumn: properties.endColumn,
  });
}

export function writeLine(line: string): void {
  process.stdout.write(line + EOL);
}

export function issueCommand(command: string, message: string, properties?: Record<string, string | number | undefined>): void {
  writeLine(formatCommand(command, message, properties));
}

/** `name<<delimiter` form: safe for any value, multi-line included. */
export function formatFileCommandValue(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: name or value contains the delimiter ${delimiter}`);
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`;
}

type FileCommand = 'OUTPUT' | 'STATE' | 'ENV' | 'PATH';

/** Appends to the file named by GITHUB_<command>; returns false when the runner gave none. */
function appendFileCommand(command: FileCommand, text: string): boolean {
  const file = process.env[`GITHUB_${command}`];
  if (!file) return false;
  appendFileSync(file, text, 'utf8');
  return true;
}

export function setOutput(name: string, value: string): void {
  if (!appendFileCommand('OUTPUT', formatFileCommandValue(name, value))) {
    issueCommand('set-output', value, { name });
  }
}

export function saveState(name: string, value: string): void {
  if (!appendFileCommand('STATE', formatFileCommandValue(name, value))) {
    issueCommand('save-state', value, { name });
  }
}

/** The environment variable the runner sets for an input, as `core.getInput` reads it. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

export function exportVariable(name: string, value: string): void {
  process.env[name] = value;
  appendFileCommand('ENV', formatFileCommandValue(name, value));
}

export function addPath(directory: string): void {
  const separator = process.platform === 'win32' ? ';' : ':';
  process.env.PATH = `${directory}${separator}${process.env.PATH ?? ''}`;
  appendFileCommand('PATH', directory + EOL);
}

export function setSecret(secret: string): void {
  // Each line is masked on its own, so register every line of a multi-line secret.
  for (const line of secret.split(/\r?\n/)) {
    if (line.trim()) issueCommand('add-mask', line);
  }
}
