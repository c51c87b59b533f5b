export const id = 86;
export const ids = [86,934];
export const modules = {

/***/ 1086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   writeReport: () => (/* binding */ writeReport)
/* harmony export */ });
/* unused harmony exports findMetricsFiles, mergeMetrics */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _core_metrics_record_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2112);
/* harmony import */ var _core_metrics_schema_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1934);
/* harmony import */ var _core_report_build_report_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9379);
/**
 * `build-tools report`: one build report from the build-metrics files of several jobs (the reusable
 * workflow's jobs each upload theirs; its report job downloads them all and runs this), with a trend
 * against a previous run's metrics when one is given.
 */





/** The build-metrics JSON files among `paths`: files as given, folders searched for `build-metrics*.json`. */
function findMetricsFiles(paths) {
    const found = [];
    const visit = (path, named) => {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory()) {
            for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(path).sort())
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(path, entry), false);
        }
        else if (named || /^build-metrics.*\.json$/.test(path.split('/').at(-1) ?? ''))
            found.push(path);
    };
    for (const path of paths)
        visit(path, true);
    return found;
}
/**
 * The jobs' metrics as one run's: every stage, in the order they started, with the job-level figures
 * recomputed. The run's identity is the first job's, named for the whole run.
 */
function mergeMetrics(jobs) {
    const [first] = jobs;
    if (!first)
        throw new Error('no build metrics to merge');
    const stages = jobs.flatMap((job) => job.stages).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const jobNames = [...new Set(jobs.map((job) => job.job).filter(Boolean))];
    return (0,_core_metrics_record_js__WEBPACK_IMPORTED_MODULE_4__/* .aggregate */ .Q)({
        build_id: `${first.run_id || 'local'}-${first.run_attempt}`,
        repository: first.repository,
        ref: first.ref,
        sha: first.sha,
        run_id: first.run_id,
        run_attempt: first.run_attempt,
        job: jobNames.join(', '),
    }, stages);
}
function writeReport(options) {
    const missing = options.paths.filter((path) => !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(path));
    if (missing.length)
        throw new Error(`no such file or folder: ${missing.join(', ')}`);
    const jobs = [];
    for (const file of findMetricsFiles(options.paths)) {
        const metrics = (0,_core_metrics_schema_js__WEBPACK_IMPORTED_MODULE_2__.readCheckedMetrics)(file);
        if (metrics)
            jobs.push(metrics);
        else
            options.write(`Warning: ${file} is not build metrics of this version; left out of the report\n`);
    }
    if (!jobs.length)
        throw new Error(`no build-metrics files in ${options.paths.join(', ')}`);
    const metrics = mergeMetrics(jobs);
    const previous = options.previous ? (0,_core_metrics_schema_js__WEBPACK_IMPORTED_MODULE_2__.readCheckedMetrics)(options.previous) : undefined;
    if (options.previous && !previous)
        options.write(`Warning: ${options.previous} gives no trend (missing or not build metrics)\n`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(options.html, (0,_core_report_build_report_js__WEBPACK_IMPORTED_MODULE_3__/* .renderHtmlReport */ .w)(metrics, previous));
    const markdown = (0,_core_report_build_report_js__WEBPACK_IMPORTED_MODULE_3__/* .renderMarkdownReport */ ._)(metrics, previous);
    if (options.markdown)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(options.markdown, markdown);
    if (options.json)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(options.json, `${JSON.stringify(metrics, null, 2)}\n`);
    // On a runner the Markdown version is the job summary.
    if (process.env.GITHUB_STEP_SUMMARY)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(process.env.GITHUB_STEP_SUMMARY, markdown);
    options.write(`Report of ${jobs.length} job${jobs.length === 1 ? '' : 's'}, ${metrics.stages.length} stages (${metrics.status}): ${options.html}\n`);
    return 0;
}


/***/ }),

/***/ 1934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildMetricsSchema: () => (/* binding */ buildMetricsSchema),
/* harmony export */   readCheckedMetrics: () => (/* binding */ readCheckedMetrics),
/* harmony export */   stageRecordSchema: () => (/* binding */ stageRecordSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4377);
/* harmony import */ var _file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7827);
/**
 * The build-metrics JSON as a zod schema, for what comes from outside this run: a previous run's file
 * restored from the cache, or a fixture. It mirrors the interfaces in record.ts (the annotations make
 * tsc refuse a schema whose output is not a BuildMetrics).
 */


const count = zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nonnegative();
const seconds = zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().nonnegative();
const cacheFigures = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    backend: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['github', 'local']),
    hits: count,
    partial_hits: count,
    misses: count,
    errors: count,
    bytes_restored: count,
    bytes_saved: count,
    restore_seconds: seconds,
    save_seconds: seconds,
    entries: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        key: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        hit: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['exact', 'partial', 'miss', 'saved', 'not-saved']),
        bytes: count.optional(),
        seconds,
    })),
});
const testFigures = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    total: count,
    passed: count,
    failed: count,
    skipped: count,
    flaky: count.optional(),
    coverage: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(100).optional(),
});
const artifact = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    bytes: count.optional(),
    digest: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
const deployFigures = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    strategy: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    environment: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    result: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    traffic: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(100).optional(),
    revision: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    previous_revision: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    rollback_reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
const findings = zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), count);
const status = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['success', 'failure', 'skipped', 'cancelled']);
const stageRecordSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    phase: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['main', 'post']),
    start: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$(),
    duration: seconds,
    status,
    error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    // Known figures are checked; an action's own figures are kept as given.
    figures: zod__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
        cache: cacheFigures.optional(),
        tests: testFigures.optional(),
        artifacts: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(artifact).optional(),
        findings: findings.optional(),
        deploy: deployFigures.optional(),
    }),
});
const buildMetricsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema_version: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    build_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().min(1),
    repository: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    ref: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    run_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    run_attempt: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    job: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    timestamp: zod__WEBPACK_IMPORTED_MODULE_2__/* .datetime */ .w$(),
    status,
    duration: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ total: seconds, stages: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), seconds) }),
    stages: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stageRecordSchema),
    artifacts: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(artifact),
    tests: testFigures,
    cache: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        hits: count,
        partial_hits: count,
        misses: count,
        errors: count,
        hit_rate: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0).max(1),
        bytes_restored: count,
        bytes_saved: count,
    }),
    findings,
    deploy: deployFigures.optional(),
});
/**
 * A build-metrics file that passes this schema — a previous run's for the trend, or a job's downloaded
 * for the merged report — else undefined: an older tool's or a damaged file is left out, never a broken report.
 */
function readCheckedMetrics(path) {
    const parsed = buildMetricsSchema.safeParse((0,_file_js__WEBPACK_IMPORTED_MODULE_0__/* .readMetricsFile */ ._c)(path));
    return parsed.success ? parsed.data : undefined;
}


/***/ })

};

//# sourceMappingURL=86.index.js.map