import { isDeepStrictEqual } from 'node:util';
import { shapeDifferences } from './answer-shape.ts';
import { checkAnswer, loadAgent, post, WrongAnswer } from './load.ts';
import { loadRequest, type BenchTarget } from './measure.ts';
import { BENCH_COUNTY, childrenPageQuery, type BenchQuery } from './queries.ts';

/** One answer of `target` to `query`, checked (200, no errors, the root field present). */
async function ask(target: BenchTarget, query: BenchQuery, token: string): Promise<Record<string, unknown>> {
  const agent = loadAgent(1);
  try {
    const { status, text } = await post(agent, loadRequest(target.url, query, token));
    try {
      return checkAnswer(status, text, query.root).data;
    } catch (error) {
      throw new WrongAnswer(`${target.name} gateway, ${query.name}: ${(error as Error).message}`);
    }
  } finally {
    agent.destroy();
  }
}

/**
 * Asks every gateway every query once before anything is measured, and throws unless all
 * answer in full and in the same shape: bare and Hive exactly alike, the hub alike but for
 * values its policy withholds (nulls). Says whether the values agree too.
 */
export async function verifyAnswers(targets: readonly BenchTarget[], queries: readonly BenchQuery[], token: string): Promise<void> {
  const [reference, ...others] = [targets.find((t) => t.name === 'bare')!, ...targets.filter((t) => t.name !== 'bare')];
  for (const query of queries) {
    const expected = await ask(reference!, query, token);
    const agreeing: string[] = [];
    for (const target of others) {
      const answer = await ask(target, query, token);
      const differences = shapeDifferences(expected, answer, target.name === 'hub');
      if (differences.length) throw new WrongAnswer(`${query.name}: the ${target.name} gateway answers in another shape than the bare one:\n  ${differences.slice(0, 10).join('\n  ')}`);
      if (isDeepStrictEqual(expected, answer)) agreeing.push(target.name);
    }
    const differing = others.filter((t) => !agreeing.includes(t.name)).map((t) => t.name);
    console.log(`check: ${query.name}: all three answer in full, same shape${differing.length ? `; values differ from bare's for ${differing.join(', ')} (policy)` : ', same values'}`);
  }
}

/**
 * A child of the bench's county for the child-record query, asked of the hub: the first of
 * a page whom the school and the clinic know too, so that the record draws on all four agencies.
 */
export async function pickChild(hub: BenchTarget, token: string): Promise<string> {
  const data = await ask(hub, childrenPageQuery(), token);
  const nodes = (data.children as { edges: { node: { id: string; currentEnrollment: unknown; healthRecord: unknown } }[] }).edges.map((e) => e.node);
  if (nodes.length < 100) throw new WrongAnswer(`county ${BENCH_COUNTY} has only ${nodes.length} active children: seed a larger world (--children)`);
  return (nodes.find((n) => n.currentEnrollment && n.healthRecord) ?? nodes[0]!).id;
}
