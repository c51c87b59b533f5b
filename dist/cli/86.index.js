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
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5395);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3305);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3102);
/* harmony import */ var _file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7827);
/**
 * The build-metrics JSON as a zod schema, for what comes from outside this run: a previous run's file
 * restored from the cache, or a fixture. It mirrors the interfaces in record.ts (the annotations make
 * tsc refuse a schema whose output is not a BuildMetrics).
 */


const count = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._gte */ .qm(0));
const seconds = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._gte */ .qm(0));
const cacheFigures = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    backend: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['github', 'local']),
    hits: count,
    partial_hits: count,
    misses: count,
    errors: count,
    bytes_restored: count,
    bytes_saved: count,
    restore_seconds: seconds,
    save_seconds: seconds,
    entries: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        key: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
        hit: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['exact', 'partial', 'miss', 'saved', 'not-saved']),
        bytes: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(count),
        seconds,
    })),
});
const testFigures = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    total: count,
    passed: count,
    failed: count,
    skipped: count,
    flaky: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(count),
    coverage: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._gte */ .qm(0), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._lte */ .Zm(100))),
});
const artifact = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    kind: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    path: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    bytes: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(count),
    digest: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
});
const deployFigures = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    strategy: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    environment: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    result: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    traffic: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._gte */ .qm(0), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._lte */ .Zm(100))),
    revision: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    previous_revision: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    rollback_reason: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
});
const findings = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), count);
const status = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['success', 'failure', 'skipped', 'cancelled']);
const stageRecordSchema = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._minLength */ .m9(1)),
    phase: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['main', 'post']),
    start: zod_mini__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$(),
    duration: seconds,
    status,
    error: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    // Known figures are checked; an action's own figures are kept as given.
    figures: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
        cache: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(cacheFigures),
        tests: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(testFigures),
        artifacts: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(artifact)),
        findings: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(findings),
        deploy: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(deployFigures),
    }),
});
const buildMetricsSchema = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema_version: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    build_id: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._minLength */ .m9(1)),
    repository: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    ref: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    sha: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    run_id: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    run_attempt: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    job: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    timestamp: zod_mini__WEBPACK_IMPORTED_MODULE_3__/* .datetime */ .w$(),
    status,
    duration: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ total: seconds, stages: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), seconds) }),
    stages: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(stageRecordSchema),
    artifacts: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(artifact),
    tests: testFigures,
    cache: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        hits: count,
        partial_hits: count,
        misses: count,
        errors: count,
        hit_rate: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._gte */ .qm(0), zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ._lte */ .Zm(1)),
        bytes_restored: count,
        bytes_saved: count,
    }),
    findings,
    deploy: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(deployFigures),
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