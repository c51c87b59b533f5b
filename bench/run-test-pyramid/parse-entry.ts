// Bench helper: parse one JUnit file with run-test-pyramid's streaming parser and print the counts.
import { parseJunit } from '../../src/actions/run-test-pyramid/junit.js';

const file = process.argv[2] as string;
void parseJunit(file).then((report) => console.log(JSON.stringify({ total: report.total, failed: report.failed })));
