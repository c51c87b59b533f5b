import * as z from 'zod/mini';
import { duration, httpUrl, integer, list, numberList, oneOf, percent, text } from '../../core/inputs.js';

const STEPS_EXPECTED = 'traffic percentages from 1 to 100, rising, ending at 100';
const PORTS_EXPECTED = 'two host ports, one per slot, e.g. 8081,8082';

export const inputs = z
  .object({
    strategy: oneOf(['rolling', 'blue-green', 'canary']),
    provider: oneOf(['docker', 'kubernetes']),
    action: oneOf(['deploy', 'rollback']),
    environment: text('an environment name'),
    image: z.optional(text('an image reference')),
    service: text('a service name (letters, digits, dashes)').check(
      z.regex(/^[a-z0-9][a-z0-9-]*$/, 'a service name of lower-case letters, digits and dashes'),
    ),
    steps: numberList(
      z
        .array(z.int().check(z.gte(1), z.lte(100)), { error: STEPS_EXPECTED })
        .check(
          z.refine(
            (steps) =>
              steps.length > 0 && steps.at(-1) === 100 && steps.every((step, index) => index === 0 || step > (steps[index - 1] as number)),
            STEPS_EXPECTED,
          ),
        ),
    ),
    'step-duration': duration(),
    'max-error-rate': percent(),
    'min-requests': integer({ min: 0 }),
    'error-rate-source': oneOf(['http', 'command', 'prometheus']),
    'prometheus-url': z.optional(httpUrl()),
    'prometheus-query': z.optional(text('a PromQL query returning the error rate in percent')),
    'error-rate-command': z.optional(text('a command printing the error rate in percent')),
    'health-url': z.optional(httpUrl()),
    'smoke-command': z.optional(text('a command')),
    'pre-deploy': z.optional(list()),
    'post-deploy': z.optional(list()),
    'rollout-timeout': duration(),
    'keep-previous': duration(),
    'docker-ports': numberList(
      z.array(z.int().check(z.gte(1), z.lte(65535)), { error: PORTS_EXPECTED }).check(z.length(2, PORTS_EXPECTED)),
    ),
    'docker-run-args': z.optional(list()),
    'nginx-upstream-file': z.optional(text('the path of the upstream file your nginx.conf includes')),
    'nginx-reload': list(),
    kubeconfig: z.optional(text('the path of a kubeconfig file')),
    namespace: text('a namespace name').check(
      z.regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a namespace name of lower-case letters, digits and dashes'),
    ),
    manifests: z.optional(list()),
    traffic: oneOf(['replicas', 'gateway-api', 'ingress-nginx']),
    route: z.optional(
      text('the name of the HTTPRoute or Ingress').check(
        z.regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'the name of the HTTPRoute or Ingress (lower-case letters, digits, dots and dashes)'),
      ),
    ),
  })
  .check(
    z.superRefine((values, ctx) => {
      if (values.action === 'deploy' && !values.image)
        ctx.addIssue({ code: 'custom', path: ['image'], message: 'the image to deploy (required with action: deploy)' });
      if (values['error-rate-source'] === 'prometheus' && !(values['prometheus-url'] && values['prometheus-query'])) {
        ctx.addIssue({
          code: 'custom',
          path: ['prometheus-url'],
          message: 'prometheus-url and prometheus-query (required with error-rate-source: prometheus)',
        });
      }
      if (values['error-rate-source'] === 'command' && !values['error-rate-command']) {
        ctx.addIssue({
          code: 'custom',
          path: ['error-rate-command'],
          message: 'a command printing the error rate (required with error-rate-source: command)',
        });
      }
      if (values['error-rate-source'] === 'http' && !values['health-url'])
        ctx.addIssue({ code: 'custom', path: ['health-url'], message: 'the health URL (required with error-rate-source: http)' });
      if (values.provider === 'docker' && !values['nginx-upstream-file']) {
        ctx.addIssue({
          code: 'custom',
          path: ['nginx-upstream-file'],
          message: 'the upstream file nginx includes (required with provider: docker)',
        });
      }
      if (values.provider === 'kubernetes' && values.action === 'deploy' && !values.manifests?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['manifests'],
          message: 'the manifest files or globs holding the Deployment (required with provider: kubernetes)',
        });
      }
    }),
  );

export type Inputs = z.output<typeof inputs>;

export const outputs = ['result', 'traffic', 'revision', 'previous-revision', 'rollback-reason', 'duration'] as const;
