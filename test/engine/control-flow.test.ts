import { describe, expect, it } from 'vitest';
import { chain, run, workflow } from './builder.js';

const log = (message: string): [string, Record<string, unknown>] => ['LogNode', { message }];
const when = (condition: string): [string, Record<string, unknown>] => ['IfNode', { condition }];

describe('loops', () => {
  it('break and continue act on the innermost loop', async () => {
    const wf = workflow(
      {
        loop: ['ForLoopStartNode', { items: [1, 2, 3, 4, 5, 6] }],
        isFour: when('{{loop.current_item}} == 4'),
        brk: ['BreakNode'],
        isEven: when('{{loop.current_item}} % 2 == 0'),
        cont: ['ContinueNode'],
        odd: log('odd {{loop.current_item}}'),
        end: ['ForLoopEndNode', { paired_start_id: 'loop' }],
        done: log('done after {{loop.current_index}}'),
      },
      [
        'loop.body -> isFour',
        'isFour.true -> brk',
        'isFour.false -> isEven',
        'isEven.true -> cont',
        'isEven.false -> odd',
        'odd -> end',
        'loop.completed -> done',
      ],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['odd 1', 'odd 3', 'done after 3']);
  });

  it('runs nested loops, and a break leaves only the inner one unless it names the outer', async () => {
    const nested = (breakConfig: Record<string, unknown>) =>
      workflow(
        {
          outer: ['ForLoopStartNode', { items: [1, 2] }],
          inner: ['ForLoopStartNode', { items: ['a', 'b', 'c'], item_var: '' }],
          say: log('{{outer.current_item}}{{inner.current_item}}'),
          isB: when("{{inner.current_item}} == 'b'"),
          brk: ['BreakNode', breakConfig],
          innerEnd: ['ForLoopEndNode', { paired_start_id: 'inner' }],
          outerEnd: ['ForLoopEndNode', { paired_start_id: 'outer' }],
          done: log('done'),
        },
        [
          'outer.body -> inner',
          'inner.body -> say',
          'say -> isB',
          'isB.true -> brk',
          'isB.false -> innerEnd',
          'inner.completed -> outerEnd',
          'outer.completed -> done',
        ],
      );
    expect((await run(nested({}))).logs).toEqual(['1a', '1b', '2a', '2b', 'done']);
    expect((await run(nested({ paired_loop_start_id: 'outer' }))).logs).toEqual(['1a', '1b', 'done']);
  });

  it('iterates dicts, strings and ranges, and sets item variables as CasareRPA does', async () => {
    const over = (config: Record<string, unknown>) =>
      workflow(
        {
          loop: ['ForLoopStartNode', config],
          say: log('{{loop.current_index}}:{{loop.current_item}}:{{loop.current_key}}'),
          end: ['ForLoopEndNode', { paired_start_id: 'loop' }],
        },
        ['loop.body -> say', 'say -> end'],
      );
    expect((await run(over({ items: { x: 1, y: 2 } }))).logs).toEqual(['0:1:x', '1:2:y']);
    expect((await run(over({ items: 'hé' }))).logs).toEqual(['0:h:', '1:é:']);
    expect((await run(over({ mode: 'range', start: 10, end: 4, step: -3 }))).logs).toEqual(['0:10:', '1:7:']);
    const { outcome } = await run(over({ items: ['p', 'q'] }));
    expect(outcome.result.variables).toMatchObject({ item: 'q', item_index: 1 });
  });

  it('loops back through an edge into the loop start, or a loop end without a pairing', async () => {
    const backEdge = workflow(
      {
        start: ['StartNode'],
        loop: ['ForLoopStartNode', { items: [1, 2] }],
        say: log('n{{loop.current_item}}'),
      },
      ['start -> loop', 'loop.body -> say', 'say -> loop'],
    );
    expect((await run(backEdge)).logs).toEqual(['n1', 'n2']);
    const unpaired = workflow(
      {
        loop: ['ForLoopStartNode', { items: [1, 2] }],
        say: log('n{{loop.current_item}}'),
        end: ['ForLoopEndNode'],
      },
      ['loop.body -> say', 'say -> end'],
    );
    expect((await run(unpaired)).logs).toEqual(['n1', 'n2']);
  });

  it('continues after a loop from its loop end exec_out as well as from completed', async () => {
    const wf = workflow(
      {
        loop: ['ForLoopStartNode', { items: [1] }],
        end: ['ForLoopEndNode', { paired_start_id: 'loop' }],
        after: log('after'),
      },
      ['loop.body -> end', 'end -> after'],
    );
    expect((await run(wf)).logs).toEqual(['after']);
  });

  it('runs a while loop with IncrementVariable until the condition fails', async () => {
    const wf = workflow(
      {
        init: ['SetVariableNode', { variable_name: 'i', value: 0 }],
        loop: ['WhileLoopStartNode', { expression: 'i < 3' }],
        inc: ['IncrementVariableNode', { variable_name: 'i' }],
        end: ['WhileLoopEndNode', { paired_start_id: 'loop' }],
        done: log('i={{i}} iterations={{loop.current_iteration}}'),
      },
      ['init -> loop', 'loop.body -> inc', 'inc -> end', 'loop.completed -> done'],
    );
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['i=3 iterations=3']);
  });

  it('stops an endless while loop at its safety limit with a clear error', async () => {
    const wf = (config: Record<string, unknown>) =>
      workflow(
        { loop: ['WhileLoopStartNode', config], end: ['WhileLoopEndNode', { paired_start_id: 'loop' }] },
        ['loop.body -> end'],
      );
    const own = await run(wf({ condition: 'True', max_iterations: 5 }));
    expect(own.outcome.status === 'failed' && own.outcome.error).toMatchObject({
      code: 'LOOP_LIMIT_EXCEEDED',
      node_id: 'loop',
      fault: 'workflow',
      retryable: false,
    });
    expect(own.outcome.status === 'failed' && own.outcome.error.message).toContain('within 5 iterations');
    const byOption = await run(wf({ condition: true }), { maxLoopIterations: 50 });
    expect(byOption.outcome.status === 'failed' && byOption.outcome.error.code).toBe('LOOP_LIMIT_EXCEEDED');
    expect(byOption.outcome.result.executed_nodes).toBe(50 * 2 + 1);
  });
});

describe('branches', () => {
  it('routes Switch ports named by case value (CasareRPA source) as well as by index (sample files)', async () => {
    const wf = (ports: [string, string]) =>
      workflow(
        {
          sw: ['SwitchNode', { value: '{{color}}', cases: ['red', 'green'] }],
          r: log('red'),
          g: log('green'),
          other: log('other'),
        },
        [`sw.${ports[0]} -> r`, `sw.${ports[1]} -> g`, 'sw.default -> other'],
        { variables: { color: 'green' } },
      );
    expect((await run(wf(['case_red', 'case_green']))).logs).toEqual(['green']);
    expect((await run(wf(['case_0', 'case_1']))).logs).toEqual(['green']);
    const miss = await run(wf(['case_0', 'case_1']), { variables: { color: 'blue' } });
    expect(miss.logs).toEqual(['other']);
    expect(miss.outcome.result.outputs.sw).toEqual({ matched_case: 'default', value: 'blue' });
  });

  it('runs a join once after a fan-out, and If with a boolean from a node', async () => {
    const wf = workflow(
      {
        start: ['StartNode'],
        a: log('a'),
        b: log('b'),
        join: ['MergeNode'],
        cmp: ['ComparisonNode', { a: '{{n}}', b: 5, operator: 'greater than (>)' }],
        check: when('{{cmp.result}}'),
        yes: log('big'),
        no: log('small'),
        stray: log('not connected to the StartNode'),
      },
      [
        'start -> a',
        'start -> b',
        'a -> join',
        'b -> join',
        'join -> cmp',
        'cmp -> check',
        'check.true -> yes',
        'check.false -> no',
      ],
      { variables: { n: { type: 'Integer', default_value: '7', description: 'a descriptor' } } },
    );
    const { outcome, logs } = await run(wf);
    expect(logs).toEqual(['a', 'b', 'big']);
    expect(outcome.result.trace.filter((t) => t.node_id === 'join')).toHaveLength(1);
  });

  it('starts every node without incoming exec, in file order, but never comments', async () => {
    const wf = workflow({ one: log('one'), note: ['CommentNode', { comment: 'hi' }], two: log('two') });
    const { outcome, logs } = await run(wf);
    expect(logs).toEqual(['one', 'two']);
    expect(outcome.result.trace.map((t) => t.node_id)).toEqual(['one', 'two']);
  });
});

describe('data and errors', () => {
  it('moves values over data connections as well as templates', async () => {
    const wf = workflow(
      {
        add: ['MathOperationNode', { a: 2, b: 3, operation: 'add' }],
        store: ['SetVariableNode', { variable_name: 'sum' }],
      },
      ['add -> store', 'add.result -> store.value'],
    );
    const { outcome } = await run(wf);
    expect(outcome.result.variables.sum).toBe(5);
  });

  it('lets job variables win over the file', async () => {
    const wf = workflow({ say: log('{{who}} {{n}}') }, [], { variables: { who: 'file', n: 1 } });
    expect((await run(wf, { variables: { who: 'job' } })).logs).toEqual(['job 1']);
  });

  it('names an unresolvable reference in the job error', async () => {
    const wf = workflow({ first: log('{{second.text}}'), second: log('x') }, chain('first', 'second'));
    const { outcome } = await run(wf);
    expect(outcome.status === 'failed' && outcome.error).toEqual({
      code: 'TEMPLATE_UNRESOLVED',
      message: 'template {{second.text}} cannot be resolved: node "second" has not run yet',
      node_id: 'first',
      fault: 'workflow',
      retryable: false,
    });
  });

  it('with stop_on_error false, ends only the failing branch', async () => {
    const wf = workflow(
      {
        div: ['MathOperationNode', { a: 1, b: 0, operation: 'divide' }],
        after: log('after'),
        other: log('other'),
      },
      ['div -> after'],
      { settings: { stop_on_error: false } },
    );
    const { outcome, logs, entries } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(logs).toContain('other');
    expect(logs).not.toContain('after');
    expect(entries.some((e) => e.level === 'error' && e.node_id === 'div')).toBe(true);
  });

  it('reports invalid workflows as failed outcomes, never as throws', async () => {
    const { outcome } = await run({ nodes: { x: { node_type: 'NopeNode' } }, connections: [] });
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'INVALID_WORKFLOW',
      node_id: 'x',
      fault: 'workflow',
      retryable: false,
    });
    expect((await run('not json')).outcome.status).toBe('failed');
    expect((await run(null)).outcome.status).toBe('failed');
  });
});
