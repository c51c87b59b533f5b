/**
 * The docker provider: two slots (host ports) on one Docker host behind nginx, whose upstream weights
 * the action rewrites and reloads. A deployment's state lives on the containers themselves: labels
 * record the revision, slot and time; the name records the role (`<service>-active`, `-previous`,
 * `-candidate`), which `docker rename` can change — so a later run can resume or roll back.
 */
import { writeFileSync } from 'node:fs';
import type { ActionContext } from '../../core/context.js';
import { ConfigError } from '../../core/errors.js';
import { renderUpstream, upstreamWeights } from './plan.js';

export const LABEL = 'build-tools.deploy';

export type Role = 'active' | 'candidate' | 'previous';

export interface SlotContainer {
  id: string;
  slot: 'a' | 'b';
  port: number;
  image: string;
  role: Role | 'stale';
  deployedAt: string;
  running: boolean;
}

export class DockerProvider {
  constructor(
    private readonly ctx: ActionContext,
    private readonly service: string,
    private readonly ports: [number, number],
    private readonly upstreamFile: string,
    private readonly reload: string[],
    private readonly runArgs: string[],
  ) {}

  portOf(slot: 'a' | 'b'): number {
    return slot === 'a' ? this.ports[0] : this.ports[1];
  }

  async containers(): Promise<SlotContainer[]> {
    const listed = await this.ctx.exec('docker', ['ps', '-aq', '--filter', `label=${LABEL}.service=${this.service}`], { silent: true });
    const ids = listed.stdout.split('\n').filter(Boolean);
    if (!ids.length) return [];
    const inspected = JSON.parse((await this.ctx.exec('docker', ['inspect', ...ids], { silent: true })).stdout) as {
      Id: string;
      Name: string;
      Config: { Labels: Record<string, string> };
      State: { Running: boolean };
    }[];
    return inspected.map((container) => {
      const labels = container.Config.Labels;
      const slot = labels[`${LABEL}.slot`] === 'b' ? 'b' : 'a';
      const name = container.Name.replace(/^\//, '');
      const role = (['active', 'candidate', 'previous'] as const).find((candidate) => name === `${this.service}-${candidate}`) ?? 'stale';
      return {
        id: container.Id,
        slot,
        port: this.portOf(slot),
        image: labels[`${LABEL}.revision`] ?? '',
        role,
        deployedAt: labels[`${LABEL}.deployed-at`] ?? '',
        running: container.State.Running,
      };
    });
  }

  async start(image: string, slot: 'a' | 'b'): Promise<SlotContainer> {
    const port = this.portOf(slot);
    const deployedAt = new Date().toISOString();
    const name = `${this.service}-candidate`;
    const run = await this.ctx.exec(
      'docker',
      [
        'run',
        '--detach',
        '--name',
        name,
        '--network',
        'host',
        '--env',
        `PORT=${port}`,
        '--label',
        `${LABEL}.service=${this.service}`,
        '--label',
        `${LABEL}.slot=${slot}`,
        '--label',
        `${LABEL}.revision=${image}`,
        '--label',
        `${LABEL}.deployed-at=${deployedAt}`,
        ...this.runArgs,
        image,
      ],
      { group: `Starting ${image} in slot ${slot} (port ${port})` },
    );
    return { id: run.stdout.trim(), slot, port, image, role: 'candidate', deployedAt, running: true };
  }

  async setRole(container: SlotContainer, role: Role): Promise<void> {
    await this.ctx.exec('docker', ['rename', container.id, `${this.service}-${role}`], { silent: true });
    container.role = role;
  }

  /** Fails fast when the container stopped or keeps restarting, with the end of its log. */
  async assertRunning(container: SlotContainer): Promise<void> {
    const state = await this.ctx.exec(
      'docker',
      ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}', container.id],
      { silent: true, allowFailure: true },
    );
    const [status, exitCode, restarts] = state.stdout.trim().split(' ');
    if (state.exitCode !== 0 || status !== 'running' || Number(restarts) > 2) {
      const logs = await this.ctx.exec('docker', ['logs', '--tail', '20', container.id], { silent: true, allowFailure: true });
      throw new ConfigError(
        `the new container ${status === 'running' ? `is restarting (${restarts} restarts)` : `exited with code ${exitCode}`}: ${(logs.stdout + logs.stderr).trim().split('\n').slice(-5).join(' | ')}`,
      );
    }
  }

  async route(percentOnNext: number, previous: SlotContainer | undefined, next: SlotContainer): Promise<number> {
    const weights = upstreamWeights(previous ? percentOnNext : 100);
    const servers = [
      ...(previous ? [{ port: previous.port, weight: weights.previous }] : []),
      { port: next.port, weight: previous ? weights.next : 1 },
    ];
    writeFileSync(this.upstreamFile, renderUpstream(this.service, servers));
    const [program, ...args] = this.reload as [string, ...string[]];
    await this.ctx.exec(program, args, { silent: true });
    return previous ? weights.effective : 100;
  }

  async remove(container: SlotContainer): Promise<void> {
    await this.ctx.exec('docker', ['rm', '--force', container.id], { silent: true, allowFailure: true });
  }

  async startExisting(container: SlotContainer): Promise<void> {
    if (!container.running) await this.ctx.exec('docker', ['start', container.id], { silent: true });
  }
}
