import { runAction } from '../../core/run.js';
import { inputs, outputs } from './inputs.js';
import { main, post } from './main.js';

void runAction({ name: 'deploy-strategy', inputs, outputs, main, post });
