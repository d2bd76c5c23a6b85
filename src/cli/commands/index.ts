import type { Command } from 'commander';
import type { CliIo } from '../io';
import { registerDemo } from './demo';

/** Every CLI sub-command, registered in this order (one file per command). */
export const COMMANDS: ReadonlyArray<(program: Command, io: CliIo) => void> = [registerDemo];
