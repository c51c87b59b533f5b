import { describe, expect, it } from 'vitest';
import { ConfigError } from '../core/errors.js';
import { nginxCommand, planDeployStage, renderInitialUpstream, renderNginxConfig } from './deploy-front.js';
import { builtImageOf } from './pipeline.js';

const section = {
  strategy: 'blue-green',
  service: 'toolkit-app',
  'health-url': 'http://127.0.0.1:18480/health',
  'docker-ports': '18481,18482',
};

describe('the deploy stage plan', () => {
  it('runs its own front for the docker provider: the upstream file and reload command are ours, the port is the health URL’s', () => {
    const plan = planDeployStage(section, 'toolkit-app:local', '/app/.build-tools/deploy');
    expect(plan.front).toEqual({ directory: '/app/.build-tools/deploy', port: 18480, service: 'toolkit-app', firstSlotPort: 18481 });
    expect(plan.inputs).toEqual({
      ...section,
      image: 'toolkit-app:local',
      'nginx-upstream-file': '/app/.build-tools/deploy/upstream.conf',
      'nginx-reload': [
        'nginx',
        '-p',
        '/app/.build-tools/deploy',
        '-c',
        '/app/.build-tools/deploy/nginx.conf',
        '-e',
        '/app/.build-tools/deploy/error.log',
        '-s',
        'reload',
      ].join('\n'),
    });
  });

  it('takes front-port over the health URL and never passes it to the action', () => {
    const plan = planDeployStage({ ...section, 'health-url': 'http://app.example/health', 'front-port': '18490' }, 'a:1', '/d');
    expect(plan.front?.port).toBe(18490);
    expect(plan.inputs).not.toHaveProperty('front-port');
  });

  it('defaults the slots as the action does', () => {
    const { 'docker-ports': _, ...withoutPorts } = section;
    expect(planDeployStage(withoutPorts, 'a:1', '/d').front?.firstSlotPort).toBe(8081);
  });

  it('leaves the user’s own nginx and the kubernetes provider alone', () => {
    const own = planDeployStage({ ...section, 'nginx-upstream-file': '/etc/nginx/app.conf' }, 'a:1', '/d');
    expect(own.front).toBeUndefined();
    expect(own.inputs['nginx-upstream-file']).toBe('/etc/nginx/app.conf');
    expect(own.inputs).not.toHaveProperty('nginx-reload');
    const kubernetes = planDeployStage({ ...section, provider: 'kubernetes' }, 'a:1', '/d');
    expect(kubernetes.front).toBeUndefined();
    expect(kubernetes.inputs.image).toBe('a:1');
  });

  it('keeps a reload command the user gave', () => {
    expect(planDeployStage({ ...section, 'nginx-reload': 'systemctl\nreload\nnginx' }, 'a:1', '/d').inputs['nginx-reload']).toBe(
      'systemctl\nreload\nnginx',
    );
  });

  it('says what is missing in one line', () => {
    expect(() => planDeployStage({ ...section, 'health-url': 'https://app.example/health' }, 'a:1', '/d')).toThrow(
      /front-port is not set: expected the loopback port/,
    );
    expect(() => planDeployStage({ ...section, 'front-port': '99999' }, 'a:1', '/d')).toThrow(ConfigError);
    expect(() => planDeployStage({ ...section, service: 'a b; }' }, 'a:1', '/d')).toThrow(/service is "a b; }"/);
    expect(() => planDeployStage({ ...section, 'docker-ports': 'x,y' }, 'a:1', '/d')).toThrow(/docker-ports is "x"/);
  });
});

describe('the nginx front', () => {
  const front = { directory: '/app/.build-tools/deploy', port: 18480, service: 'toolkit-app', firstSlotPort: 18481 };

  it('listens on loopback only and keeps every file in its own folder', () => {
    const config = renderNginxConfig(front);
    expect(config).toContain('listen 127.0.0.1:18480;');
    expect(config).toContain('pid /app/.build-tools/deploy/nginx.pid;');
    expect(config).toContain('include /app/.build-tools/deploy/upstream.conf;');
    expect(config).toContain('proxy_pass http://toolkit-app;');
    const paths = config.match(/ \/[^\s;]+/g) ?? [];
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) expect(path.trim().startsWith('/app/.build-tools/deploy/')).toBe(true);
  });

  it('points the upstream at the first slot before anything is deployed', () => {
    expect(renderInitialUpstream(front)).toBe('upstream toolkit-app {\n    server 127.0.0.1:18481;\n}\n');
  });

  it('is run with its own prefix, config and error log', () => {
    expect(nginxCommand(front, ['-s', 'quit'])).toEqual({
      program: 'nginx',
      args: ['-p', front.directory, '-c', `${front.directory}/nginx.conf`, '-e', `${front.directory}/error.log`, '-s', 'quit'],
    });
  });
});

describe('the image the deploy stage deploys', () => {
  it('is the first reference docker-package tagged, else the image ID', () => {
    expect(builtImageOf({ tags: '["toolkit-app:local","toolkit-app:1.0.0"]', 'image-id': 'sha256:abc' })).toBe('toolkit-app:local');
    expect(builtImageOf({ tags: '[]', 'image-id': 'sha256:abc' })).toBe('sha256:abc');
    expect(builtImageOf({ tags: '', 'image-id': '' })).toBeUndefined();
    expect(builtImageOf({})).toBeUndefined();
  });
});
