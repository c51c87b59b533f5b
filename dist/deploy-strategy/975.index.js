export const id = 975;
export const ids = [975];
export const modules = {

/***/ 65975:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  KubernetesProvider: () => (/* binding */ KubernetesProvider)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
;// CONCATENATED MODULE: ./src/core/glob.ts
/**
 * Files matching globs below a folder, as `/`-separated paths relative to it, sorted. Each glob's
 * walk starts at its static prefix (`reports/junit/*.xml` reads only `reports/junit`), `!glob`
 * excludes, and .git and node_modules are skipped unless a glob names them.
 */



function findFiles(root, patterns) {
    const include = patterns.filter((pattern) => !pattern.startsWith('!'));
    const exclude = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => picomatch_default()(pattern.slice(1), { dot: true }));
    const found = new Set();
    for (const raw of include) {
        const pattern = (0,external_node_path_.isAbsolute)(raw) ? (0,external_node_path_.relative)(root, raw).split(external_node_path_.sep).join('/') : raw.replace(/^\.\//, '');
        const { base, isGlob } = picomatch_default().scan(pattern);
        if (!isGlob) {
            const path = (0,external_node_path_.join)(root, pattern);
            if ((0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile())
                found.add(pattern);
            continue;
        }
        const matches = picomatch_default()(pattern, { dot: true });
        const skipSpecial = !/(^|\/)(node_modules|\.git)(\/|$)/.test(pattern);
        const visit = (folder) => {
            let entries;
            try {
                entries = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, folder), { withFileTypes: true });
            }
            catch {
                return;
            }
            for (const entry of entries) {
                if (skipSpecial && (entry.name === 'node_modules' || entry.name === '.git'))
                    continue;
                const path = folder ? `${folder}/${entry.name}` : entry.name;
                if (entry.isDirectory())
                    visit(path);
                else if (matches(path))
                    found.add(path);
            }
        };
        visit(base === '.' ? '' : base);
    }
    return [...found].filter((path) => !exclude.some((test) => test(path))).sort();
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/actions/deploy-strategy/kubernetes-manifests.ts


/** Annotations and labels this action writes live under this prefix. */
const PREFIX = 'deploy.build-tools.dev';
const SLOT_LABEL = `${PREFIX}/slot`;
const SERVICE_LABEL = `${PREFIX}/service`;
const ANNOTATION = {
    role: `${PREFIX}/role`,
    revision: `${PREFIX}/revision`,
    previousRevision: `${PREFIX}/previous-revision`,
    traffic: `${PREFIX}/traffic`,
    startedAt: `${PREFIX}/started-at`,
    deployedAt: `${PREFIX}/deployed-at`,
    expiresAt: `${PREFIX}/expires-at`,
    replicas: `${PREFIX}/replicas`,
};
const NGINX_CANARY = 'nginx.ingress.kubernetes.io/canary';
const NGINX_CANARY_WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';
function otherSlot(slot) {
    return slot === 'blue' ? 'green' : 'blue';
}
/** Reads the manifests: exactly one Deployment, optionally the Service; a file that is not YAML names itself. */
function readManifests(files, serviceName) {
    const deployments = [];
    let service;
    const ignored = [];
    for (const file of files) {
        for (const document of (0,dist/* parseAllDocuments */.hR)(file.text)) {
            if (document.errors.length) {
                throw new errors/* ConfigError */.xL(`manifests: ${file.path} is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`, {
                    file: file.path,
                });
            }
            const object = document.toJS();
            if (!object)
                continue;
            if (!object.kind || !object.metadata?.name)
                throw new errors/* ConfigError */.xL(`manifests: ${file.path} holds an object without kind or metadata.name`, { file: file.path });
            if (object.kind === 'Deployment')
                deployments.push({ object: object, path: file.path });
            else if (object.kind === 'Service' && object.metadata.name === serviceName)
                service = object;
            else
                ignored.push(`${object.kind}/${object.metadata.name}`);
        }
    }
    if (deployments.length !== 1) {
        throw new errors/* ConfigError */.xL(`manifests: expected exactly one Deployment, found ${deployments.length}${deployments.length ? ` (${deployments.map((found) => `${found.object.metadata?.name} in ${found.path}`).join(', ')})` : ''}`);
    }
    const deployment = deployments[0].object;
    if (!deployment.spec?.selector?.matchLabels || !Object.keys(deployment.spec.selector.matchLabels).length)
        throw new errors/* ConfigError */.xL(`manifests: Deployment ${deployment.metadata?.name} needs spec.selector.matchLabels`);
    if (!deployment.spec.template?.spec?.containers?.length)
        throw new errors/* ConfigError */.xL(`manifests: Deployment ${deployment.metadata?.name} has no containers`);
    return { deployment, service, ignored };
}
/** `registry:5000/team/app:1.2@sha256:…` → `registry:5000/team/app`. */
function imageRepository(image) {
    const withoutDigest = image.split('@')[0];
    const lastSlash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.indexOf(':', lastSlash + 1);
    return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}
/**
 * Puts `image` into the containers whose image has the same repository; when none has, into the first
 * container. Returns a copy and the names of the containers changed.
 */
function withImage(deployment, image) {
    const copy = structuredClone(deployment);
    const containers = copy.spec?.template.spec?.containers ?? [];
    const repository = imageRepository(image);
    let matching = containers.filter((container) => container.image && imageRepository(container.image) === repository);
    if (!matching.length)
        matching = containers.slice(0, 1);
    for (const container of matching)
        container.image = image;
    return { deployment: copy, containers: matching.map((container) => container.name) };
}
/** The image a Deployment runs in the container `withImage` would change for `image` (same repository, else the first). */
function deploymentImage(deployment, image = '') {
    const containers = deployment.spec?.template.spec?.containers ?? [];
    const repository = image && imageRepository(image);
    const matching = containers.find((container) => repository && container.image && imageRepository(container.image) === repository);
    return (matching ?? containers[0])?.image ?? '';
}
/**
 * The Deployment for one slot (`<name>-blue` / `<name>-green`, its pods labelled with the slot) or, for
 * a rolling update, the manifest's own; labelled with the service and annotated with the deployment state.
 */
function slotDeployment(base, slot, service, annotations) {
    const copy = structuredClone(base);
    const metadata = copy.metadata ?? {};
    copy.metadata = {
        ...metadata,
        name: slot ? `${metadata.name}-${slot}` : metadata.name,
        labels: { ...metadata.labels, [SERVICE_LABEL]: service },
        annotations: { ...metadata.annotations, ...annotations },
    };
    delete copy.metadata.namespace;
    delete copy.status;
    if (slot && copy.spec) {
        copy.spec.selector = { ...copy.spec.selector, matchLabels: { ...copy.spec.selector.matchLabels, [SLOT_LABEL]: slot } };
        copy.spec.template.metadata = {
            ...copy.spec.template.metadata,
            labels: { ...copy.spec.template.metadata?.labels, [SLOT_LABEL]: slot },
        };
    }
    return copy;
}
/** `{a: 'b', c: 'd'}` → `a=b,c=d`, the form of a label selector in a list request. */
function labelSelector(labels) {
    return Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
}
/** Done as `kubectl rollout status` decides: the controller saw this generation and every replica is updated and ready. */
function rolloutState(deployment) {
    const wanted = deployment.spec?.replicas ?? 1;
    const status = deployment.status ?? {};
    const observed = (status.observedGeneration ?? 0) >= (deployment.metadata?.generation ?? 1);
    const updated = status.updatedReplicas ?? 0;
    const ready = status.readyReplicas ?? 0;
    const total = status.replicas ?? 0;
    const done = observed && updated >= wanted && ready >= wanted && total <= wanted;
    return {
        done,
        summary: observed
            ? `${updated}/${wanted} updated, ${ready}/${wanted} ready${total > wanted ? `, ${total - wanted} old still running` : ''}`
            : 'the controller has not seen the change yet',
    };
}
/** Waiting reasons from which a pod does not recover on its own within a rollout. */
const HOPELESS = new Set([
    'ImagePullBackOff',
    'ErrImagePull',
    'ErrImageNeverPull',
    'InvalidImageName',
    'CrashLoopBackOff',
    'CreateContainerConfigError',
    'CreateContainerError',
    'RunContainerError',
]);
/** The first pod that cannot become ready, as one line (pod, container, reason, message); undefined when none. */
function podProblem(pods) {
    for (const pod of pods) {
        if (pod.metadata?.deletionTimestamp)
            continue;
        if (pod.status?.phase === 'Failed')
            return `pod ${pod.metadata?.name} failed${pod.status.reason ? `: ${pod.status.reason}` : ''}${pod.status.message ? ` (${pod.status.message})` : ''}`;
        for (const container of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
            const waiting = container.state?.waiting;
            if (waiting?.reason && HOPELESS.has(waiting.reason))
                return `pod ${pod.metadata?.name}, container ${container.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
        }
    }
    return undefined;
}
/** The canary Ingress for ingress-nginx: the main Ingress's rules, sending to the canary Service, with the weight. */
function canaryIngress(main, stableService, canaryService, weight, service) {
    const rules = structuredClone(main.spec?.rules ?? []);
    let pointsAtStable = false;
    for (const rule of rules) {
        for (const path of rule.http?.paths ?? []) {
            if (path.backend.service?.name === stableService) {
                path.backend.service.name = canaryService;
                pointsAtStable = true;
            }
        }
    }
    if (!pointsAtStable)
        throw new errors/* ConfigError */.xL(`route: Ingress ${main.metadata?.name} has no path whose backend is the Service ${stableService}`);
    return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
            name: `${main.metadata?.name}-canary`,
            labels: { [SERVICE_LABEL]: service },
            annotations: { [NGINX_CANARY]: 'true', [NGINX_CANARY_WEIGHT]: String(weight) },
        },
        spec: { ...(main.spec?.ingressClassName ? { ingressClassName: main.spec.ingressClassName } : {}), rules },
    };
}
/**
 * The HTTPRoute with each rule that sends to the stable or the canary Service split between them by
 * weight; a weight of 0 drops the canary's backendRef. Gateway API weights are proportional integers.
 */
function weightedRoute(route, stable, canary, weights) {
    const copy = structuredClone(route);
    let matched = false;
    for (const rule of copy.spec?.rules ?? []) {
        const template = rule.backendRefs?.find((ref) => ref.name === stable || ref.name === canary);
        if (!template)
            continue;
        matched = true;
        rule.backendRefs = [
            ...(rule.backendRefs ?? []).filter((ref) => ref.name !== stable && ref.name !== canary),
            { ...template, name: stable, weight: weights.stable },
            ...(weights.canary > 0 ? [{ ...template, name: canary, weight: weights.canary }] : []),
        ];
    }
    if (!matched)
        throw new errors/* ConfigError */.xL(`route: HTTPRoute ${route.metadata?.name} has no rule whose backendRefs name the Service ${stable}`);
    return copy;
}

// EXTERNAL MODULE: ./src/actions/deploy-strategy/plan.ts
var plan = __webpack_require__(13872);
// EXTERNAL MODULE: ./src/actions/deploy-strategy/provider.ts
var provider = __webpack_require__(93814);
;// CONCATENATED MODULE: ./src/actions/deploy-strategy/kubernetes-provider.ts
/**
 * The Kubernetes provider, through @kubernetes/client-node (loaded only on this path). Rolling updates
 * the manifest's Deployment in place; blue-green and canary run two Deployments, `<name>-blue` and
 * `<name>-green`, whose pods carry a slot label, and move traffic by the Service's selector, by the
 * ratio of replicas, by HTTPRoute weights or by an ingress-nginx canary Ingress. The state — role,
 * revision, previous revision, traffic, start time, expiry — is recorded as annotations on the
 * Deployments, so a later run (or the post step) can finish, undo or roll back.
 */







const GATEWAY = { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes' };
const CONFLICT_RETRIES = 5;
const POLL_MS = 500;
function statusOf(error) {
    const code = error?.code;
    return typeof code === 'number' ? code : undefined;
}
/** An API error as one line: the status code and the Status object's message. */
function describeApiError(error) {
    const code = statusOf(error);
    if (code === undefined)
        return error instanceof Error ? error.message : String(error);
    const body = error.body;
    let message = '';
    try {
        const parsed = (typeof body === 'string' ? JSON.parse(body) : body);
        message = parsed?.message ?? '';
    }
    catch {
        message = String(body ?? '').slice(0, 200);
    }
    return `the API server answered ${code}${message ? `: ${message}` : ''}`;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class KubernetesProvider {
    ctx;
    settings;
    clients;
    manifestSet;
    constructor(ctx, settings, clients) {
        this.ctx = ctx;
        this.settings = settings;
        this.clients = clients;
    }
    static async connect(ctx, settings) {
        if (!settings.kubeconfig)
            throw new errors/* ConfigError */.xL('kubeconfig: no kubeconfig given; set the kubeconfig input to a file path or the KUBECONFIG environment variable');
        if (!(0,external_node_fs_.existsSync)(settings.kubeconfig))
            throw new errors/* ConfigError */.xL(`kubeconfig: the file '${settings.kubeconfig}' does not exist`);
        const client = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(358)]).then(__webpack_require__.bind(__webpack_require__, 14358));
        const config = new client.KubeConfig();
        try {
            config.loadFromFile(settings.kubeconfig);
        }
        catch (error) {
            throw new errors/* ConfigError */.xL(`kubeconfig: '${settings.kubeconfig}' could not be read: ${error instanceof Error ? error.message : error}`);
        }
        if (!config.getCurrentCluster())
            throw new errors/* ConfigError */.xL(`kubeconfig: '${settings.kubeconfig}' has no current context with a cluster`);
        return new KubernetesProvider(ctx, settings, {
            apps: config.makeApiClient(client.AppsV1Api),
            core: config.makeApiClient(client.CoreV1Api),
            networking: config.makeApiClient(client.NetworkingV1Api),
            custom: config.makeApiClient(client.CustomObjectsApi),
        });
    }
    describe() {
        return { provider: 'kubernetes', ...this.settings };
    }
    get namespace() {
        return this.settings.namespace;
    }
    get canaryService() {
        return `${this.settings.service}-canary`;
    }
    /** Runs one API call; an error becomes a DeploymentFailure naming what was being done. */
    async call(what, request) {
        try {
            return await request();
        }
        catch (error) {
            throw new provider/* DeploymentFailure */.S(`${what}: ${describeApiError(error)}`);
        }
    }
    /** Undefined when the object does not exist. */
    async find(what, request) {
        try {
            return await request();
        }
        catch (error) {
            if (statusOf(error) === 404)
                return undefined;
            throw new provider/* DeploymentFailure */.S(`${what}: ${describeApiError(error)}`);
        }
    }
    async remove(what, request) {
        try {
            await request();
        }
        catch (error) {
            if (statusOf(error) !== 404)
                throw new provider/* DeploymentFailure */.S(`${what}: ${describeApiError(error)}`);
        }
    }
    /**
     * Read, change, replace — with the resourceVersion read, so a concurrent writer makes the API server
     * answer 409 Conflict instead of being overwritten; then read again and retry.
     */
    async modify(what, read, replace, change) {
        for (let attempt = 1;; attempt++) {
            const object = await this.call(`reading ${what}`, read);
            change(object);
            try {
                return await replace(object);
            }
            catch (error) {
                if (statusOf(error) === 409 && attempt < CONFLICT_RETRIES) {
                    this.ctx.log.info(`${what} changed while we updated it (409 Conflict); reading it again (attempt ${attempt + 1}).`);
                    continue;
                }
                throw new provider/* DeploymentFailure */.S(`updating ${what}: ${describeApiError(error)}`);
            }
        }
    }
    readDeployment(name) {
        return this.clients.apps.readNamespacedDeployment({ name, namespace: this.namespace });
    }
    modifyDeployment(name, change) {
        return this.modify(`Deployment ${name}`, () => this.readDeployment(name), (body) => this.clients.apps.replaceNamespacedDeployment({ name, namespace: this.namespace, body }), change);
    }
    annotate(name, annotations, replicas) {
        return this.modifyDeployment(name, (deployment) => {
            deployment.metadata = { ...deployment.metadata, annotations: { ...deployment.metadata?.annotations, ...annotations } };
            if (replicas !== undefined && deployment.spec)
                deployment.spec.replicas = replicas;
        });
    }
    manifests() {
        if (this.manifestSet)
            return this.manifestSet;
        const files = findFiles(this.settings.workspace, this.settings.manifests);
        if (!files.length)
            throw new errors/* ConfigError */.xL(`manifests: no file matches ${this.settings.manifests.join(', ')}`);
        this.manifestSet = readManifests(files.map((path) => ({ path, text: (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(this.settings.workspace, path), 'utf8') })), this.settings.service);
        if (this.manifestSet.ignored.length)
            this.ctx.log.warn(`manifests: only the Deployment and the Service are applied; not applied: ${this.manifestSet.ignored.join(', ')}`);
        return this.manifestSet;
    }
    versionOf(deployment) {
        const annotations = deployment.metadata?.annotations ?? {};
        const slot = deployment.spec?.selector?.matchLabels?.[SLOT_LABEL];
        return {
            deployment: deployment.metadata?.name ?? '',
            slot,
            revision: annotations[ANNOTATION.revision] || deploymentImage(deployment, this.settings.image),
            deployedAt: annotations[ANNOTATION.deployedAt] ?? annotations[ANNOTATION.startedAt] ?? '',
            keptUntil: annotations[ANNOTATION.expiresAt],
            replicas: Number(annotations[ANNOTATION.replicas] ?? deployment.spec?.replicas ?? 1),
            previousRevision: annotations[ANNOTATION.previousRevision],
            traffic: annotations[ANNOTATION.traffic],
        };
    }
    async deployments() {
        const list = await this.call(`listing the Deployments of ${this.settings.service}`, () => this.clients.apps.listNamespacedDeployment({
            namespace: this.namespace,
            labelSelector: `${SERVICE_LABEL}=${this.settings.service}`,
        }));
        return list.items.map((deployment) => ({
            deployment,
            role: deployment.metadata?.annotations?.[ANNOTATION.role],
        }));
    }
    get rolling() {
        return this.settings.strategy === 'rolling';
    }
    async versions() {
        const deployments = await this.deployments();
        const slotted = (deployment) => Boolean(deployment.spec?.selector?.matchLabels?.[SLOT_LABEL]);
        if (this.rolling) {
            // One Deployment, updated in place; the previous version is the image recorded before the update.
            // With manifests, it is the Deployment they name — also when another tool created it (no labels of ours yet).
            const named = this.settings.manifests.length ? this.manifests().deployment.metadata?.name : undefined;
            const found = named
                ? await this.find(`reading Deployment ${named}`, () => this.readDeployment(named))
                : deployments.find(({ deployment, role }) => !slotted(deployment) && role !== 'candidate')?.deployment;
            if (!found)
                return {};
            const annotations = found.metadata?.annotations ?? {};
            let active = this.versionOf(found);
            // Left as candidate by a run that could not finish: what should serve is the image before it.
            const before = annotations[ANNOTATION.previousRevision];
            if (annotations[ANNOTATION.role] === 'candidate' && before)
                active = { ...active, revision: before, previousRevision: undefined };
            const previousImage = active.previousRevision;
            return {
                active,
                previous: previousImage ? { ...active, revision: previousImage, previousRevision: undefined, keptUntil: undefined } : undefined,
            };
        }
        const withRole = (wanted) => deployments.find(({ deployment, role }) => slotted(deployment) && role === wanted)?.deployment;
        const active = withRole('active');
        const previous = withRole('previous');
        return { active: active && this.versionOf(active), previous: previous && this.versionOf(previous) };
    }
    urlOf() {
        // Pods are not reachable from the runner; smoke tests get the namespace and Deployment (for kubectl port-forward).
        return undefined;
    }
    smokeEnvironment(version) {
        return {
            DEPLOY_NAMESPACE: this.namespace,
            DEPLOY_DEPLOYMENT: version.deployment,
            DEPLOY_SELECTOR: labelSelector(this.selectorFor(version.slot)),
        };
    }
    /** The Service, created from the manifests when the cluster does not have it yet. */
    async ensureService(slot) {
        const name = this.settings.service;
        const existing = await this.find(`reading Service ${name}`, () => this.clients.core.readNamespacedService({ name, namespace: this.namespace }));
        if (existing)
            return;
        const fromManifest = this.manifests().service;
        if (!fromManifest)
            throw new errors/* ConfigError */.xL(`service: there is no Service ${name} in namespace ${this.namespace}, and the manifests do not hold one`);
        const body = structuredClone(fromManifest);
        body.metadata = { ...body.metadata, name, labels: { ...body.metadata?.labels, [SERVICE_LABEL]: name } };
        delete body.metadata.namespace;
        body.spec = { ...body.spec, selector: this.selectorFor(slot) };
        await this.call(`creating Service ${name}`, () => this.clients.core.createNamespacedService({ namespace: this.namespace, body }));
    }
    /** The pods of one slot (or, for rolling, of the Deployment): the manifest's selector plus the slot label. */
    selectorFor(slot) {
        const base = this.baseSelector();
        return slot ? { ...base, [SLOT_LABEL]: slot } : base;
    }
    baseSelectorCache;
    baseSelector() {
        if (!this.baseSelectorCache)
            throw new Error('the base selector is read in start() or from the Deployments first');
        return this.baseSelectorCache;
    }
    /** The selector without the slot label, from a Deployment this action made (rollback and post need no manifests). */
    learnSelector(deployment) {
        const labels = { ...deployment.spec?.selector?.matchLabels };
        delete labels[SLOT_LABEL];
        this.baseSelectorCache = labels;
    }
    async setServiceSelector(slot) {
        const name = this.settings.service;
        const selector = this.selectorFor(slot);
        await this.modify(`Service ${name}`, () => this.clients.core.readNamespacedService({ name, namespace: this.namespace }), (body) => this.clients.core.replaceNamespacedService({ name, namespace: this.namespace, body }), (service) => {
            service.spec = { ...service.spec, selector };
        });
    }
    async start(image, active, previous) {
        const manifests = this.manifests();
        const { deployment: base, containers } = withImage(manifests.deployment, image);
        this.learnSelector(base);
        const replicas = base.spec?.replicas ?? 1;
        const now = new Date().toISOString();
        this.ctx.log.info(`Image ${image} goes into container${containers.length > 1 ? 's' : ''} ${containers.join(', ')} of Deployment ${base.metadata?.name}.`);
        const annotations = {
            [ANNOTATION.role]: 'candidate',
            [ANNOTATION.revision]: image,
            [ANNOTATION.previousRevision]: active?.revision ?? '',
            [ANNOTATION.traffic]: '0',
            [ANNOTATION.startedAt]: now,
            [ANNOTATION.replicas]: String(replicas),
        };
        if (this.rolling) {
            await this.ensureService(undefined);
            const desired = slotDeployment(base, undefined, this.settings.service, annotations);
            const name = desired.metadata?.name;
            await this.apply(desired);
            return { deployment: name, revision: image, deployedAt: now, replicas };
        }
        await this.cleanUp(active);
        const slot = otherSlot(active?.slot);
        await this.ensureService(active ? active.slot : slot);
        const desired = slotDeployment(base, slot, this.settings.service, annotations);
        const name = desired.metadata?.name;
        // The slots alternate, so the kept previous version is the one the new version replaces.
        if (previous && previous.deployment === name)
            this.ctx.log.info(`The new version replaces the kept previous version ${previous.revision} in ${name}.`);
        if (this.settings.strategy === 'canary' && active)
            await this.checkRouter();
        // A canary by replicas starts with one pod, outside the Service until the first step.
        if (this.settings.strategy === 'canary' && this.settings.traffic === 'replicas' && active && desired.spec)
            desired.spec.replicas = 1;
        await this.apply(desired);
        return { deployment: name, slot, revision: image, deployedAt: now, replicas };
    }
    /** Creates the Deployment, or replaces the one there (keeping its resourceVersion, retrying on 409). */
    async apply(desired) {
        const name = desired.metadata?.name;
        const existing = await this.find(`reading Deployment ${name}`, () => this.readDeployment(name));
        if (!existing) {
            await this.call(`creating Deployment ${name}`, () => this.clients.apps.createNamespacedDeployment({ namespace: this.namespace, body: desired }));
            return;
        }
        await this.modifyDeployment(name, (deployment) => {
            // Others' annotations stay; this action's state is replaced as a whole (no stale expires-at).
            const kept = Object.entries(deployment.metadata?.annotations ?? {}).filter(([key]) => !key.startsWith(`${PREFIX}/`));
            deployment.metadata = {
                ...deployment.metadata,
                labels: desired.metadata?.labels,
                annotations: { ...Object.fromEntries(kept), ...desired.metadata?.annotations },
            };
            deployment.spec = desired.spec;
        });
    }
    /** Before a canary starts: the HTTPRoute or Ingress exists and routes to the Service, so the first step can split it. */
    async checkRouter() {
        const name = this.settings.route;
        if (this.settings.traffic === 'gateway-api') {
            const route = await this.find(`reading HTTPRoute ${name}`, () => this.clients.custom.getNamespacedCustomObject({ ...GATEWAY, namespace: this.namespace, name }));
            if (!route)
                throw new errors/* ConfigError */.xL(`route: there is no HTTPRoute ${name} in namespace ${this.namespace} (traffic: gateway-api)`);
            weightedRoute(route, this.settings.service, this.canaryService, { stable: 100, canary: 0 });
        }
        if (this.settings.traffic === 'ingress-nginx') {
            const ingress = await this.find(`reading Ingress ${name}`, () => this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }));
            if (!ingress)
                throw new errors/* ConfigError */.xL(`route: there is no Ingress ${name} in namespace ${this.namespace} (traffic: ingress-nginx)`);
            canaryIngress(ingress, this.settings.service, this.canaryService, 0, this.settings.service);
        }
    }
    /** What an interrupted canary left: the candidate Deployment, the canary Service and Ingress, the route's canary weight. */
    async cleanUp(active) {
        let leftOver = false;
        for (const { deployment, role } of await this.deployments()) {
            if (role !== 'candidate' || !deployment.metadata?.name)
                continue;
            const name = deployment.metadata.name;
            leftOver = true;
            this.ctx.log.info(`Removing ${name}, left behind by an interrupted deployment.`);
            await this.remove(`deleting Deployment ${name}`, () => this.clients.apps.deleteNamespacedDeployment({ name, namespace: this.namespace }));
        }
        if (active && (leftOver || active.traffic !== '100'))
            await this.routeAllTo(active);
    }
    async waitReady(version, options) {
        const deadline = Date.now() + options.timeoutMs;
        for (;;) {
            const deployment = await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment));
            const state = rolloutState(deployment);
            if (state.done)
                return;
            await this.assertHealthy(version, deployment);
            if (Date.now() > deadline)
                throw new provider/* DeploymentFailure */.S(`Deployment ${version.deployment} did not finish its rollout within the rollout-timeout (${state.summary})`);
            if (options.signal.aborted)
                throw new provider/* DeploymentFailure */.S('the job was cancelled');
            await sleep(POLL_MS);
        }
    }
    /** Fails fast on a pod that cannot become ready (image pull error, crash loop) instead of waiting out the timeout. */
    async assertHealthy(version, known) {
        const deployment = known ?? (await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment)));
        const selector = labelSelector(deployment.spec?.selector?.matchLabels ?? {});
        const pods = await this.call(`listing the pods of ${version.deployment}`, () => this.clients.core.listNamespacedPod({ namespace: this.namespace, labelSelector: selector }));
        const image = version.revision;
        // During a rolling update the old pods share the selector; only the new version's pods count.
        const own = pods.items.filter((pod) => pod.spec?.containers?.some((container) => container.image === image) ?? true);
        const problem = podProblem(own);
        if (problem)
            throw new provider/* DeploymentFailure */.S(`${version.revision} cannot become ready: ${problem}`);
    }
    async waitFor(version) {
        await this.waitReady(version, { timeoutMs: this.settings.rolloutTimeoutMs, healthPath: '/', signal: this.ctx.signal });
    }
    async route(percent, current, next) {
        if (this.rolling)
            return 100;
        if (!current || percent >= 100) {
            if (this.settings.traffic === 'replicas' && next.replicas) {
                await this.annotate(next.deployment, {}, next.replicas);
                await this.waitFor(next);
            }
            await this.setServiceSelector(next.slot);
            if (current)
                await this.clearCanaryRouting();
            await this.annotate(next.deployment, { [ANNOTATION.traffic]: '100' });
            return 100;
        }
        let effective = percent;
        if (this.settings.traffic === 'replicas') {
            const split = (0,plan/* replicaSplit */.V4)(next.replicas, percent);
            await this.annotate(next.deployment, {}, split.candidate);
            await this.waitFor(next);
            await this.setServiceSelector(undefined);
            await this.annotate(current.deployment, { [ANNOTATION.traffic]: String(100 - split.effective) }, split.active);
            effective = split.effective;
        }
        else {
            await this.ensureCanaryService(next.slot);
            const weights = (0,plan/* routeWeights */.X6)(percent);
            if (this.settings.traffic === 'gateway-api')
                await this.setRouteWeights(weights);
            else
                await this.setCanaryIngress(weights.canary);
        }
        await this.annotate(next.deployment, { [ANNOTATION.traffic]: String(effective) });
        return effective;
    }
    async ensureCanaryService(slot) {
        const stable = await this.call(`reading Service ${this.settings.service}`, () => this.clients.core.readNamespacedService({ name: this.settings.service, namespace: this.namespace }));
        const body = {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: this.canaryService, labels: { [SERVICE_LABEL]: this.settings.service } },
            spec: { selector: this.selectorFor(slot), ports: stable.spec?.ports, type: 'ClusterIP' },
        };
        const existing = await this.find(`reading Service ${this.canaryService}`, () => this.clients.core.readNamespacedService({ name: this.canaryService, namespace: this.namespace }));
        if (!existing)
            await this.call(`creating Service ${this.canaryService}`, () => this.clients.core.createNamespacedService({ namespace: this.namespace, body }));
        else
            await this.modify(`Service ${this.canaryService}`, () => this.clients.core.readNamespacedService({ name: this.canaryService, namespace: this.namespace }), (replacement) => this.clients.core.replaceNamespacedService({ name: this.canaryService, namespace: this.namespace, body: replacement }), (service) => {
                service.spec = { ...service.spec, selector: body.spec?.selector };
            });
    }
    async setRouteWeights(weights) {
        const name = this.settings.route;
        const target = { ...GATEWAY, namespace: this.namespace, name };
        let changed;
        await this.modify(`HTTPRoute ${name}`, () => this.clients.custom.getNamespacedCustomObject(target), (body) => this.clients.custom.replaceNamespacedCustomObject({ ...target, body }), (route) => {
            changed = weightedRoute(route, this.settings.service, this.canaryService, weights);
            Object.assign(route, changed);
        });
    }
    async setCanaryIngress(weight) {
        const main = await this.call(`reading Ingress ${this.settings.route}`, () => this.clients.networking.readNamespacedIngress({ name: this.settings.route, namespace: this.namespace }));
        const body = canaryIngress(main, this.settings.service, this.canaryService, weight, this.settings.service);
        const name = body.metadata?.name;
        const existing = await this.find(`reading Ingress ${name}`, () => this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }));
        if (!existing) {
            await this.call(`creating Ingress ${name}`, () => this.clients.networking.createNamespacedIngress({ namespace: this.namespace, body }));
            return;
        }
        await this.modify(`Ingress ${name}`, () => this.clients.networking.readNamespacedIngress({ name, namespace: this.namespace }), (replacement) => this.clients.networking.replaceNamespacedIngress({ name, namespace: this.namespace, body: replacement }), (ingress) => {
            ingress.metadata = { ...ingress.metadata, annotations: { ...ingress.metadata?.annotations, ...body.metadata?.annotations } };
            ingress.spec = body.spec;
        });
    }
    /** Removes the canary's share of the router: HTTPRoute back to the stable Service alone, canary Ingress and Service gone. */
    async clearCanaryRouting() {
        if (this.settings.traffic === 'gateway-api')
            await this.setRouteWeights({ stable: 100, canary: 0 });
        if (this.settings.traffic === 'ingress-nginx') {
            const name = `${this.settings.route}-canary`;
            await this.remove(`deleting Ingress ${name}`, () => this.clients.networking.deleteNamespacedIngress({ name, namespace: this.namespace }));
        }
        if (this.settings.traffic !== 'replicas') {
            await this.remove(`deleting Service ${this.canaryService}`, () => this.clients.core.deleteNamespacedService({ name: this.canaryService, namespace: this.namespace }));
        }
    }
    /** All traffic to `version`: its replicas back, the Service's selector on its slot, no canary routing. */
    async routeAllTo(version) {
        const deployment = await this.call(`reading Deployment ${version.deployment}`, () => this.readDeployment(version.deployment));
        this.learnSelector(deployment);
        if ((deployment.spec?.replicas ?? 0) < version.replicas)
            await this.annotate(version.deployment, {}, version.replicas);
        await this.setServiceSelector(version.slot);
        await this.clearCanaryRouting();
        await this.annotate(version.deployment, { [ANNOTATION.traffic]: '100' });
    }
    async promote(next, current, previous) {
        const now = new Date().toISOString();
        await this.annotate(next.deployment, { [ANNOTATION.role]: 'active', [ANNOTATION.traffic]: '100', [ANNOTATION.deployedAt]: now });
        if (this.rolling || !current)
            return;
        const expiresAt = new Date(Date.now() + this.settings.keepPreviousMs).toISOString();
        await this.annotate(current.deployment, {
            [ANNOTATION.role]: 'previous',
            [ANNOTATION.traffic]: '0',
            [ANNOTATION.expiresAt]: expiresAt,
        });
        if (previous && previous.deployment !== next.deployment && previous.deployment !== current.deployment)
            await this.remove(`deleting Deployment ${previous.deployment}`, () => this.clients.apps.deleteNamespacedDeployment({ name: previous.deployment, namespace: this.namespace }));
        this.ctx.log.info(`Kept ${current.revision} (${current.deployment}) for action: rollback until ${expiresAt}.`);
    }
    async abort(next, current) {
        if (this.rolling) {
            if (!current) {
                await this.remove(`deleting Deployment ${next.deployment}`, () => this.clients.apps.deleteNamespacedDeployment({ name: next.deployment, namespace: this.namespace }));
                return;
            }
            await this.rollImage(next.deployment, current.revision, current.deployedAt, current.previousRevision ?? '');
            await this.waitFor(current).catch((error) => this.ctx.log.warn(`The previous version is not ready yet: ${error instanceof Error ? error.message : error}`));
            return;
        }
        if (current)
            await this.routeAllTo(current);
        await this.remove(`deleting Deployment ${next.deployment}`, () => this.clients.apps.deleteNamespacedDeployment({ name: next.deployment, namespace: this.namespace }));
    }
    /** Rolling: the Deployment back on `image`, recorded as active. */
    async rollImage(name, image, deployedAt, previousRevision) {
        await this.modifyDeployment(name, (deployment) => {
            const updated = withImage(deployment, image).deployment;
            deployment.spec = updated.spec;
            deployment.metadata = {
                ...deployment.metadata,
                annotations: {
                    ...deployment.metadata?.annotations,
                    [ANNOTATION.role]: 'active',
                    [ANNOTATION.revision]: image,
                    [ANNOTATION.previousRevision]: previousRevision,
                    [ANNOTATION.deployedAt]: deployedAt,
                    [ANNOTATION.traffic]: '100',
                },
            };
        });
    }
    async restore(previous, current, options) {
        if (this.rolling) {
            await this.rollImage(previous.deployment, previous.revision, new Date().toISOString(), current?.revision ?? '');
            await this.waitReady(previous, options);
            return;
        }
        const deployment = await this.call(`reading Deployment ${previous.deployment}`, () => this.readDeployment(previous.deployment));
        this.learnSelector(deployment);
        await this.annotate(previous.deployment, { [ANNOTATION.expiresAt]: '' }, previous.replicas);
        await this.waitReady(previous, options);
        await this.setServiceSelector(previous.slot);
        await this.clearCanaryRouting();
        await this.annotate(previous.deployment, {
            [ANNOTATION.role]: 'active',
            [ANNOTATION.traffic]: '100',
            [ANNOTATION.deployedAt]: new Date().toISOString(),
        });
        if (current)
            await this.remove(`deleting Deployment ${current.deployment}`, () => this.clients.apps.deleteNamespacedDeployment({ name: current.deployment, namespace: this.namespace }));
    }
    async recover() {
        const deployments = await this.deployments();
        const candidate = deployments.find(({ role }) => role === 'candidate')?.deployment;
        if (!candidate)
            return;
        const next = this.versionOf(candidate);
        if (this.rolling) {
            const previousImage = candidate.metadata?.annotations?.[ANNOTATION.previousRevision];
            await this.abort(next, previousImage ? { ...next, revision: previousImage } : undefined);
            return;
        }
        const active = deployments.find(({ role }) => role === 'active')?.deployment;
        this.learnSelector(candidate);
        await this.abort(next, active && this.versionOf(active));
    }
}


/***/ })

};

//# sourceMappingURL=975.index.js.map