/**
 * docker-package on the real engine, in one run: a rebuild after a one-line source change with the
 * action's cache against no cache; the action's overhead against plain `docker build` of the same
 * Dockerfile (target < 5%), bare and with the labels the action applies (medians of alternating
 * rounds); a configuration bundle of 1,000 templates — time and byte-for-byte
 * reproducibility.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { labelledDockerfile } from '../../src/actions/docker-package/build-command.js';
import { removeTemporaryFolders, runAction, temporaryFolder } from '../../test/harness.js';
import { type DockerEngine, importBusyboxImage, startDockerEngine, storageDriver } from '../../test/services/docker.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function percent(value: number, base: number): string {
  return `${(((value - base) / base) * 100).toFixed(1)}%`;
}

let engine: DockerEngine;
beforeAll(async () => {
  engine = await startDockerEngine();
  await importBusyboxImage(engine);
});
afterAll(async () => {
  await engine?.stop();
  removeTemporaryFolders();
});

it('docker-package: cached rebuild, overhead, and a 1,000-template bundle', async () => {
  const root = temporaryFolder('pkg-bench-');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/app.sh'), '#!/bin/sh\necho v1\n');
  writeFileSync(
    join(root, 'Dockerfile'),
    'FROM local/busybox:1 AS build\nRUN dd if=/dev/urandom of=/blob bs=1M count=20 2>/dev/null\nRUN sleep 2\nCOPY src/ /src/\nFROM local/busybox:1\nCOPY --from=build /blob /blob\nCOPY --from=build /src /src\nUSER app\nHEALTHCHECK CMD ["true"]\n',
  );
  const time = async (inputs: Record<string, string>) => {
    const started = performance.now();
    const run = await runAction('docker-package', {
      workspace: root,
      env: engine.env,
      inputs: { image: 'local/bench', tags: 'type=raw,value=dev', ...inputs },
    });
    if (run.main.exitCode !== 0) throw new Error(run.main.stdout);
    return (performance.now() - started) / 1000;
  };
  await time({ cache: 'local' });
  writeFileSync(join(root, 'src/app.sh'), '#!/bin/sh\necho v2\n');
  const cached = await time({ cache: 'local' });
  writeFileSync(join(root, 'src/app.sh'), '#!/bin/sh\necho v3\n');
  const uncached = await time({ cache: 'none' });

  // Overhead: medians of alternating rounds, each a rebuild after a one-line change. The plain builds are
  // `docker build` as such, and `docker build` of the same Dockerfile with the labels the action applies (one
  // LABEL line, as the action writes it): the classic builder commits labels as a step of their own.
  const labels = JSON.parse(
    (await engine.docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', 'local/bench:dev'])).stdout,
  ) as Record<string, string>;
  const labelled = join(root, 'Dockerfile.labelled');
  writeFileSync(labelled, labelledDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'), labels));
  const plainBuild = async (file: string) => {
    const started = performance.now();
    await engine.docker(['build', '--file', file, '-t', 'local/bench:plain', root], { env: { DOCKER_BUILDKIT: '0' } });
    return (performance.now() - started) / 1000;
  };
  const rounds = { action: [] as number[], plain: [] as number[], plainLabelled: [] as number[] };
  let version = 4;
  for (let round = 0; round < ROUNDS; round++) {
    writeFileSync(join(root, 'src/app.sh'), `#!/bin/sh\necho v${version++}\n`);
    rounds.action.push(await time({ cache: 'local', policy: 'warn' }));
    writeFileSync(join(root, 'src/app.sh'), `#!/bin/sh\necho v${version++}\n`);
    rounds.plain.push(await plainBuild(join(root, 'Dockerfile')));
    writeFileSync(join(root, 'src/app.sh'), `#!/bin/sh\necho v${version++}\n`);
    rounds.plainLabelled.push(await plainBuild(labelled));
  }
  const action = median(rounds.action);
  const plain = median(rounds.plain);
  const plainLabelled = median(rounds.plainLabelled);

  const bundleRoot = temporaryFolder('pkg-bundle-');
  mkdirSync(join(bundleRoot, 'templates'));
  for (let index = 0; index < 1000; index++)
    writeFileSync(
      join(bundleRoot, `templates/service-${index}.conf.tmpl`),
      `name service-${index}\nhost \${APP_HOST}\nport ${8000 + index}\nkeep $literal\n`,
    );
  const bundle = async () => {
    const begin = performance.now();
    const run = await runAction('docker-package', {
      workspace: bundleRoot,
      env: { APP_HOST: 'example.org', SOURCE_DATE_EPOCH: '1764000000' },
      inputs: { 'config-templates': 'templates/*.tmpl', 'config-vars': 'APP_*' },
    });
    return { seconds: (performance.now() - begin) / 1000, bytes: readFileSync(run.main.outputs['config-archive'] as string) };
  };
  const one = await bundle();
  const two = await bundle();
  console.log(
    `\ndocker-package (classic builder, ${storageDriver()} storage):\n` +
      `  rebuild after a one-line change: with cache ${cached.toFixed(2)} s, without ${uncached.toFixed(2)} s (${(uncached / cached).toFixed(1)}× faster with cache)\n` +
      `  overhead (medians of ${ROUNDS} rounds): action ${action.toFixed(2)} s\n` +
      `    vs plain docker build ${plain.toFixed(2)} s → ${percent(action, plain)} (target < 5%)\n` +
      `    vs docker build with the same labels ${plainLabelled.toFixed(2)} s → ${percent(action, plainLabelled)}\n` +
      `  bundle of 1,000 templates: ${one.seconds.toFixed(2)} s, ${one.bytes.length} bytes, identical on a second run: ${one.bytes.equals(two.bytes)}\n`,
  );
});
