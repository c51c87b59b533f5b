import { runAction } from '../../core/run.js';
import { inputs, outputs } from './inputs.js';
import { main } from './main.js';

void runAction({ name: 'docker-package', inputs, outputs, main });
