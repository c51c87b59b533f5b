/**
 * Policy checks on the Dockerfile, each at its line: the final stage does not run as root, has a
 * HEALTHCHECK (Kubernetes ignores it: use probes there), base images are pinned by digest, and no
 * secret-looking ENV or ARG carries a value.
 */
export interface PolicyFinding {
  rule: 'non-root-user' | 'healthcheck' | 'pinned-base' | 'secret-in-env';
  message: string;
  line: number;
}

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)/i;

export async function checkDockerfile(text: string, target?: string): Promise<PolicyFinding[]> {
  const { DockerfileParser } = await import('dockerfile-ast');
  const dockerfile = DockerfileParser.parse(text);
  const findings: PolicyFinding[] = [];
  const froms = dockerfile.getFROMs();
  const stageNames = new Set(froms.map((from) => from.getBuildStage()).filter((name): name is string => Boolean(name)));
  for (const from of froms) {
    const image = from.getImageName();
    if (!image || image === 'scratch' || stageNames.has(image) || image.includes('$')) continue;
    if (!from.getImageDigest()) {
      findings.push({
        rule: 'pinned-base',
        message: `base image '${from.getImage()}' is not pinned by digest (add @sha256:…)`,
        line: from.getRange().start.line + 1,
      });
    }
  }
  const instructions = dockerfile.getInstructions();
  const finalFrom = target ? froms.find((from) => from.getBuildStage() === target) : froms.at(-1);
  const finalStart = finalFrom?.getRange().start.line ?? 0;
  const nextFrom = froms.find((from) => from.getRange().start.line > finalStart);
  const finalStage = instructions.filter(
    (instruction) =>
      instruction.getRange().start.line >= finalStart && (!nextFrom || instruction.getRange().start.line < nextFrom.getRange().start.line),
  );
  const users = finalStage.filter((instruction) => instruction.getKeyword() === 'USER');
  const lastUser = users.at(-1);
  const user = lastUser?.getArgumentsContent()?.split(':')[0]?.trim();
  if (!user || user === 'root' || user === '0') {
    findings.push({
      rule: 'non-root-user',
      message: lastUser
        ? `the final stage runs as '${user}'; use an unprivileged USER`
        : 'the final stage has no USER, so it runs as root; add an unprivileged USER',
      line:
        (lastUser ?? finalFrom)?.getRange().start.line !== undefined ? ((lastUser ?? finalFrom)?.getRange().start.line as number) + 1 : 1,
    });
  }
  if (!finalStage.some((instruction) => instruction.getKeyword() === 'HEALTHCHECK')) {
    findings.push({
      rule: 'healthcheck',
      message: 'the final stage has no HEALTHCHECK (Docker and compose use it; on Kubernetes define probes instead)',
      line: (finalStart ?? 0) + 1,
    });
  }
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ENV' && keyword !== 'ARG') continue;
    for (const pair of (instruction.getArgumentsContent() ?? '').split(/\s+/)) {
      const [name, value] = pair.split('=');
      if (name && SECRET_NAME.test(name) && value) {
        findings.push({
          rule: 'secret-in-env',
          message: `${keyword} ${name} carries a value that ends up in the image; pass secrets with build secrets instead`,
          line: instruction.getRange().start.line + 1,
        });
      }
    }
  }
  return findings;
}
