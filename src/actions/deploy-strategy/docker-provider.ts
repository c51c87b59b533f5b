/**
 * The docker provider: two slots (host ports) on one Docker host behind nginx, whose upstream weights
 * the action rewrites and reloads. A deployment's state lives on the containers themselves: labels
 * record the revision, slot and time; the name records the role (`<service>-active`, `-previous`,
 * `-candidate`), which `docker rename` can change — so a later run can resume or roll back.
 */
import { writeFileSync } from 'node:fs';
import type { ActionContext } from '../../core/context.js';
import { renderUpstream, upstreamWeights } from './plan.js';
import { DeploymentFailure, type DeployProvider, type ProviderState, type ReadyOptions, type Version } from './provider.js';

export const LABEL = 'build-tools.deploy';

export type Role = 'active' | 'candidate' | 'previous';

export interface SlotContainer extends Version {
  id: string;
  slot: 'a' | 'b';
  port: number;
  role: Role | 'stale';
  deployedAt: string;
  running: boolean;
}

export interface DockerSettings {
  service: string;
  ports: [number, number];
  upstreamFile: string;
  reload: string[];
  runArgs: string[];
  /** A rolling update removes the old container once the new one serves; the others keep it as previous. */
  keepsPrevious: boolean;
}

export class DockerProvider implements DeployProvider<SlotContainer> {
  private readonly service: string;
  private readonly ports: [number, number];
  private readonly upstreamFile: string;
  private readonly reload: string[];
  private readonly runArgs: string[];

  constructor(
    private readonly ctx: ActionContext,
    private readonly settings: DockerSettings,
  ) {
    this.service = settings.service;
    this.ports = settings.ports;
    this.upstreamFile = settings.upstreamFile;
    this.reload = settings.reload;
    this.runArgs = settings.runArgs;
  }

  describe(): ProviderState {
    return { provider: 'docker', ...this.settings };
  }

  async versions(): Promise<{ active?: SlotContainer; previous?: SlotContainer }> {
    const containers = await this.containers();
    return {
      active: containers.find((container) => container.role === 'active'),
      previous: containers.find((container) => container.role === 'previous'),
    };
  }

  async start(image: string, active: SlotContainer | undefined, previous: SlotContainer | undefined): Promise<SlotContainer> {
    const stale = (await this.containers()).filter((container) => container.role === 'candidate' || container.role === 'stale');
    for (const container of stale) await this.remove(container);
    const slot: 'a' | 'b' = active?.slot === 'a' ? 'b' : 'a';
    if (previous && previous.slot === slot) await this.remove(previous);
    return this.run(image, slot);
  }

  urlOf(container: SlotContainer): string {
    return `http://127.0.0.1:${container.port}`;
  }

  smokeEnvironment(container: SlotContainer): Record<string, string> {
    return { DEPLOY_URL: this.urlOf(container) };
  }

  async waitReady(container: SlotContainer, options: ReadyOptions): Promise<void> {
    const deadline = Date.now() + options.timeoutMs;
    const url = `${this.urlOf(container)}${options.healthPath}`;
    for (;;) {
      await this.assertHealthy(container);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await response.arrayBuffer();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new DeploymentFailure(`the new version did not become healthy at ${url} within the rollout-timeout`);
      if (options.signal.aborted) throw new DeploymentFailure('the job was cancelled');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  assertHealthy(container: SlotContainer): Promise<void> {
    return this.assertRunning(container);
  }

  async promote(next: SlotContainer, current: SlotContainer | undefined, previous: SlotContainer | undefined): Promise<void> {
    if (current) {
      if (previous) await this.remove(previous);
      if (!this.settings.keepsPrevious) {
        // Give nginx's old workers a moment to finish in-flight requests before the old version goes.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await this.remove(current);
      } else await this.setRole(current, 'previous');
    }
    await this.setRole(next, 'active');
  }

  async abort(next: SlotContainer, current: SlotContainer | undefined): Promise<void> {
    if (current) await this.route(0, current, next).catch(() => undefined);
    if (current) await this.route(100, undefined, current);
    await this.remove(next);
  }

  async restore(previous: SlotContainer, current: SlotContainer | undefined, options: ReadyOptions): Promise<void> {
    await this.startExisting(previous);
    await this.waitReady(previous, options);
    await this.route(100, current, previous);
    if (current) await this.remove(current);
    await this.setRole(previous, 'active');
  }

  async recover(): Promise<void> {
    const containers = await this.containers();
    const active = containers.find((container) => container.role === 'active');
    const candidate = containers.find((container) => container.role === 'candidate');
    if (active) await this.route(100, undefined, active);
    if (candidate) await this.remove(candidate);
  }

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
        revision: labels[`${LABEL}.revision`] ?? '',
        role,
        deployedAt: labels[`${LABEL}.deployed-at`] ?? '',
        running: container.State.Running,
      };
    });
  }

  async run(image: string, slot: 'a' | 'b'): Promise<SlotContainer> {
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
    return { id: run.stdout.trim(), slot, port, revision: image, role: 'candidate', deployedAt, running: true };
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
      throw new DeploymentFailure(
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
