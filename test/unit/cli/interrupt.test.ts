import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { Interrupt, INTERRUPTED_EXIT_CODE, RESTORE_TERMINAL } from '../../../src/cli/interrupt';
import { AbortedError } from '../../../src/core/errors';

function setup(isTTY: boolean): { interrupt: Interrupt; text: () => string; exits: number[]; signals: EventEmitter; unlisten: () => void } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  const exits: number[] = [];
  const interrupt = new Interrupt({ stream, isTTY, exit: (c) => exits.push(c) });
  const signals = new EventEmitter();
  const unlisten = interrupt.listen(signals);
  return { interrupt, text: () => text, exits, signals, unlisten };
}

describe('Interrupt (Ctrl-C handling of one CLI run)', () => {
  it('on a terminal, the first SIGINT shows the cursor and re-enables line wrap, then aborts the command\'s signal', () => {
    const s = setup(true);
    const signal = s.interrupt.begin();
    s.signals.emit('SIGINT');
    expect(RESTORE_TERMINAL).toBe('\x1b[?25h\x1b[?7h');
    expect(s.text()).toBe(`${RESTORE_TERMINAL}\nqbridge: interrupted (Ctrl-C again to quit at once)\n`);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(AbortedError);
    expect(s.interrupt.fired).toBe(true);
    expect(s.exits).toEqual([]);
  });

  it('a second SIGINT restores the terminal again and exits at once with 130', () => {
    const s = setup(true);
    s.interrupt.begin();
    s.signals.emit('SIGINT');
    s.signals.emit('SIGINT');
    expect(s.exits).toEqual([INTERRUPTED_EXIT_CODE]);
    expect(s.text().endsWith(`${RESTORE_TERMINAL}\nqbridge: interrupted\n`)).toBe(true);
  });

  it('a SIGINT while no command can stop cleanly exits at once; no escape codes when not a terminal', () => {
    const s = setup(false);
    s.signals.emit('SIGINT');
    expect(s.exits).toEqual([130]);
    expect(s.text()).toBe('\nqbridge: interrupted\n');
  });

  it('stops listening when unlistened', () => {
    const s = setup(false);
    const signal = s.interrupt.begin();
    s.unlisten();
    expect(s.signals.listenerCount('SIGINT')).toBe(0);
    s.signals.emit('SIGINT');
    expect(signal.aborted).toBe(false);
  });
});
