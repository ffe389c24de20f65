import { describe, expect, it } from 'vitest';
import { chain, run, workflow } from './builder.js';

const divideByZero: [string, Record<string, unknown>] = [
  'MathOperationNode',
  { a: 1, b: 0, operation: 'divide' },
];
const log = (message: string): [string, Record<string, unknown>] => ['LogNode', { message }];

describe('try / catch / finally', () => {
  it('routes a failing node in try_body to the catch, then runs finally, then continues', async () => {
    // CasareRPA's side-by-side layout: Catch and Finally are not connected to the Try.
    const wf = workflow(
      {
        t: ['TryNode'],
        div: divideByZero,
        never: log('not reached'),
        c: ['CatchNode'],
        handle: log('caught {{c.error_type}} at {{c.error_node_id}}: {{c.error_message}}'),
        f: ['FinallyNode'],
        cleanup: log('cleanup, had_error={{f.had_error}}'),
        after: log('after the block'),
      },
      [
        't.try_body -> div',
        'div -> never',
        'c.catch_body -> handle',
        'f.finally_body -> cleanup',
        't -> after',
      ],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual([
      'caught DIVISION_BY_ZERO at div: division by zero',
      'cleanup, had_error=true',
      'after the block',
    ]);
    const div = outcome.result.trace.find((t) => t.node_id === 'div');
    expect(div?.status).toBe('failed');
  });

  it('skips the catch body and still runs finally when nothing fails', async () => {
    const wf = workflow(
      {
        t: ['TryNode'],
        ok: log('fine'),
        c: ['CatchNode'],
        handle: log('caught'),
        f: ['FinallyNode'],
        cleanup: log('cleanup, had_error={{f.had_error}}'),
      },
      ['t.try_body -> ok', 'c.catch_body -> handle', 'f.finally_body -> cleanup'],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['fine', 'cleanup, had_error=false']);
  });

  it('handles the chain style (Try → … → Catch → Finally by exec_out) with an error', async () => {
    const wf = workflow(
      {
        t: ['TryNode'],
        div: divideByZero,
        skipped: log('skipped'),
        c: ['CatchNode'],
        f: ['FinallyNode'],
        after: log('after {{c.error_message}}'),
      },
      chain('t', 'div', 'skipped', 'c', 'f', 'after'),
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['after division by zero']);
    expect(outcome.result.trace.map((t) => `${t.node_id}:${t.status}`)).toEqual([
      't:completed',
      'div:failed',
      'c:completed',
      'f:completed',
      'after:completed',
    ]);
  });

  it('without a catch, runs finally and then fails the job with the original error', async () => {
    const wf = workflow({ t: ['TryNode'], div: divideByZero, f: ['FinallyNode'], cleanup: log('cleanup') }, [
      't.try_body -> div',
      'f.finally_body -> cleanup',
    ]);
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('failed');
    expect(logs[0]).toBe('cleanup');
    expect(outcome.status === 'failed' && outcome.error).toEqual({
      code: 'DIVISION_BY_ZERO',
      message: 'division by zero',
      node_id: 'div',
      fault: 'workflow',
      retryable: false,
    });
  });

  it('lets errors the catch does not list go on, after finally', async () => {
    const wf = workflow(
      {
        t: ['TryNode'],
        div: divideByZero,
        c: ['CatchNode', { error_types: 'NODE_TIMEOUT, TEMPLATE_UNRESOLVED' }],
        handle: log('caught'),
        f: ['FinallyNode'],
        cleanup: log('cleanup'),
      },
      ['t.try_body -> div', 'c.catch_body -> handle', 'f.finally_body -> cleanup'],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('failed');
    expect(logs[0]).toBe('cleanup');
    expect(outcome.status === 'failed' && outcome.error.code).toBe('DIVISION_BY_ZERO');
  });

  it('fails with an error raised in the catch body, after running finally', async () => {
    const wf = workflow(
      {
        t: ['TryNode'],
        div: divideByZero,
        c: ['CatchNode'],
        bad: log('{{nowhere}}'),
        f: ['FinallyNode'],
        cleanup: log('cleanup'),
      },
      ['t.try_body -> div', 'c.catch_body -> bad', 'f.finally_body -> cleanup'],
    );
    const { outcome, logs } = await run(wf);
    expect(logs[0]).toBe('cleanup');
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'TEMPLATE_UNRESOLVED',
      node_id: 'bad',
    });
  });

  it('lets an outer try catch what an inner try without catch rethrows', async () => {
    const wf = workflow(
      {
        outer: ['TryNode'],
        inner: ['TryNode'],
        div: divideByZero,
        innerFinally: ['FinallyNode', { paired_try_id: 'inner' }],
        innerCleanup: log('inner cleanup'),
        outerCatch: ['CatchNode', { paired_try_id: 'outer' }],
        handle: log('outer caught {{outerCatch.error_node_id}}'),
      },
      [
        'outer.try_body -> inner',
        'inner.try_body -> div',
        'innerFinally.finally_body -> innerCleanup',
        'outerCatch.catch_body -> handle',
      ],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['inner cleanup', 'outer caught div']);
  });

  it('runs finally when a break leaves the try block inside a loop', async () => {
    const wf = workflow(
      {
        loop: ['ForLoopStartNode', { items: [1, 2, 3] }],
        t: ['TryNode'],
        say: log('item {{loop.current_item}}'),
        brk: ['BreakNode'],
        f: ['FinallyNode'],
        cleanup: log('cleanup {{loop.current_item}}'),
        end: ['ForLoopEndNode', { paired_start_id: 'loop' }],
        done: log('done'),
      },
      [
        'loop.body -> t',
        't.try_body -> say',
        'say -> brk',
        'f.finally_body -> cleanup',
        't -> end',
        'loop.completed -> done',
      ],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['item 1', 'cleanup 1', 'done']);
  });

  it('does not catch cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    const wf = workflow({ t: ['TryNode'], ok: log('x'), c: ['CatchNode'], handle: log('caught') }, [
      't.try_body -> ok',
      'c.catch_body -> handle',
    ]);
    const { outcome, logs } = await run(wf, { signal: controller.signal });
    expect(outcome.status).toBe('cancelled');
    expect(logs).not.toContain('caught');
  });
});
