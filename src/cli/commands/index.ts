import type { Command } from 'commander';
import type { CliIo } from '../io';
import { registerBackends } from './backends';
import { registerDemo } from './demo';
import { registerDraw } from './draw';
import { registerEstimate } from './estimate';
import { registerJobs } from './jobs';
import { registerKernel } from './kernel';
import { registerKernelTrain } from './kernel-train';
import { registerMainJob, registerQsvc } from './qsvc';
import { registerPredict } from './predict';
import { registerRun } from './run';
import { registerStatevector } from './statevector';
import { registerTranspile } from './transpile';

/** Every CLI sub-command, registered in this order (one file per command). */
export const COMMANDS: ReadonlyArray<(program: Command, io: CliIo) => void> = [registerDemo, registerStatevector, registerRun, registerKernel, registerKernelTrain, registerQsvc, registerPredict, registerMainJob, registerEstimate, registerBackends, registerJobs, registerTranspile, registerDraw];
