/**
 * The answers to a tab's accept (src/page/group/accept-answers.ts): when the accepting
 * tab may post SKIP_WAITING without waiting out acceptSettle.
 */
import { describe, expect, it } from 'vitest';
import { createAcceptAnswers } from '../../src/page/group/accept-answers.js';

function answers() {
  const settled: string[] = [];
  return { settled, answers: createAcceptAnswers((updateId) => settled.push(updateId)) };
}

describe('the answers to an accept', () => {
  it('settle once every tab known at the accept has answered it', () => {
    const { settled, answers: a } = answers();
    a.knowGroup();
    a.start('u1', ['b', 'c']);
    a.answered('b', 'u1');
    expect(settled).toEqual([]);
    a.answered('c', 'u1');
    expect(settled).toEqual(['u1']);
    // Late or repeated answers change nothing.
    a.answered('c', 'u1');
    expect(settled).toEqual(['u1']);
  });

  it('count a tab that leaves as answered, and ignore answers to another accept', () => {
    const { settled, answers: a } = answers();
    a.knowGroup();
    a.start('u2', ['b', 'c']);
    a.answered('b', 'u1');
    a.left('c');
    expect(settled).toEqual([]);
    a.answered('b', 'u2');
    expect(settled).toEqual(['u2']);
  });

  it('settle alone after the current step, not during it', async () => {
    const { settled, answers: a } = answers();
    a.knowGroup();
    a.start('u3', []);
    expect(settled).toEqual([]);
    await Promise.resolve();
    expect(settled).toEqual(['u3']);
  });

  it('never settle in a tab that does not know the group yet (acceptSettle decides there)', async () => {
    const { settled, answers: a } = answers();
    a.start('u4', []);
    a.start('u5', ['b']);
    a.answered('b', 'u5');
    await Promise.resolve();
    expect(settled).toEqual([]);
  });

  it('forget the accept and the group when this tab leaves', async () => {
    const { settled, answers: a } = answers();
    a.knowGroup();
    a.start('u6', ['b']);
    a.reset();
    a.answered('b', 'u6');
    a.start('u7', []);
    await Promise.resolve();
    expect(settled).toEqual([]);
  });
});
