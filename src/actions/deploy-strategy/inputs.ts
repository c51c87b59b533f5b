import { z } from 'zod';
import { duration, httpUrl, integer, list, oneOf, percent, text } from '../../core/inputs.js';

export const inputs = z
  .object({
    strategy: oneOf(['rolling', 'blue-green', 'canary']),
    provider: oneOf(['docker', 'kubernetes']),
    action: oneOf(['deploy', 'rollback']),
    environment: text('an environment name'),
    image: text('an image reference').optional(),
    service: text('a service name (letters, digits, dashes)').regex(
      /^[a-z0-9][a-z0-9-]*$/,
      'a service name of lower-case letters, digits and dashes',
    ),
    steps: list({ commas: true })
      .transform((items) => items.map(Number))
      .pipe(
        z
          .array(z.number().int().min(1).max(100), { error: 'traffic percentages from 1 to 100, rising, ending at 100' })
          .refine(
            (steps) =>
              steps.length > 0 && steps.at(-1) === 100 && steps.every((step, index) => index === 0 || step > (steps[index - 1] as number)),
            'traffic percentages from 1 to 100, rising, ending at 100',
          ),
      ),
    'step-duration': duration(),
    'max-error-rate': percent(),
    'min-requests': integer({ min: 0 }),
    'error-rate-source': oneOf(['http', 'command', 'prometheus']),
    'prometheus-url': httpUrl().optional(),
    'prometheus-query': text('a PromQL query returning the error rate in percent').optional(),
    'error-rate-command': text('a command printing the error rate in percent').optional(),
    'health-url': httpUrl().optional(),
    'smoke-command': text('a command').optional(),
    'pre-deploy': list().optional(),
    'post-deploy': list().optional(),
    'rollout-timeout': duration(),
    'keep-previous': duration(),
    'docker-ports': list({ commas: true })
      .transform((items) => items.map(Number))
      .pipe(
        z
          .array(z.number().int().min(1).max(65535), { error: 'two host ports, one per slot, e.g. 8081,8082' })
          .length(2, 'two host ports, one per slot, e.g. 8081,8082'),
      ),
    'docker-run-args': list().optional(),
    'nginx-upstream-file': text('the path of the upstream file your nginx.conf includes').optional(),
    'nginx-reload': list(),
    kubeconfig: text('the path of a kubeconfig file').optional(),
    namespace: text('a namespace name').regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'a namespace name of lower-case letters, digits and dashes',
    ),
    manifests: list().optional(),
    traffic: oneOf(['replicas', 'gateway-api', 'ingress-nginx']),
    route: text('the name of the HTTPRoute or Ingress')
      .regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/, 'the name of the HTTPRoute or Ingress (lower-case letters, digits, dots and dashes)')
      .optional(),
  })
  .superRefine((values, ctx) => {
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
  });

export type Inputs = z.output<typeof inputs>;

export const outputs = ['result', 'traffic', 'revision', 'previous-revision', 'rollback-reason', 'duration'] as const;
