import { ANY, STAR, type GlobProgram } from "./glob-pattern";

const NEWLINE = 0x0a;

/**
 * Leftmost-first match of a glob program in `text` from `from` on, with the
 * semantics of Go's regexp FindStringIndex on the regex lex.go would build
 * (`.` never matches `\n`; stars greedy or lazy). A Pike VM: O(text ×
 * pattern) with no backtracking, so hostile patterns like `*****x` stay
 * linear. Returns [start, end) in code points, or null.
 *
 * States: `i` (< m) is token i's entry (a consuming state, or the split of a
 * star), `m` is MATCH, `m + 1 + i` is star i's "consume one char and loop".
 */
export function findGlob(program: GlobProgram, text: readonly number[], from: number): [number, number] | null {
  const { tokens, greedy, anchored } = program;
  const m = tokens.length;
  const stateCount = 2 * m + 1;
  let cur = new Int32Array(stateCount);
  let curStart = new Int32Array(stateCount);
  let nxt = new Int32Array(stateCount);
  let nxtStart = new Int32Array(stateCount);
  const mark = new Int32Array(stateCount);
  let curLen = 0;
  let nxtLen = 0;
  let generation = 1;
  let curGen = generation;
  let matchStart = -1;
  let matchEnd = -1;

  // The list being filled by addClosure.
  let tgt = cur;
  let tgtStart = curStart;
  let tgtLen = 0;
  let tgtGen = 0;
  let tgtThreadStart = 0;

  const push = (state: number): void => {
    if (mark[state] === tgtGen) return;
    mark[state] = tgtGen;
    tgt[tgtLen] = state;
    tgtStart[tgtLen++] = tgtThreadStart;
  };
  // Adds the epsilon closure of token entry `entry` in priority order
  // (greedy star: loop before skip; lazy star: skip before loop). A star's
  // split already expanded in this list is not walked again, which keeps a
  // step O(pattern) even for `*****…`.
  const addClosure = (entry: number): void => {
    let j = entry;
    if (greedy) {
      while (j < m && tokens[j] === STAR) {
        if (mark[j] === tgtGen) return;
        mark[j] = tgtGen;
        push(m + 1 + j++);
      }
      push(j);
      return;
    }
    while (j < m && tokens[j] === STAR && mark[j] !== tgtGen) mark[j++] = tgtGen;
    if (j >= m || tokens[j] !== STAR) push(j);
    for (let k = j - 1; k >= entry; k--) push(m + 1 + k);
  };

  for (let pos = from; pos <= text.length; pos++) {
    if (matchStart < 0 && (!anchored || pos === from)) {
      tgt = cur;
      tgtStart = curStart;
      tgtLen = curLen;
      tgtGen = curGen;
      tgtThreadStart = pos;
      addClosure(0);
      curLen = tgtLen;
    }
    if (curLen === 0) break;
    const c = pos < text.length ? (text[pos] ?? -1) : -1;
    generation++;
    tgt = nxt;
    tgtStart = nxtStart;
    tgtLen = 0;
    tgtGen = generation;
    for (let t = 0; t < curLen; t++) {
      const state = cur[t] ?? 0;
      if (state === m) {
        // A match: every later thread has lower priority, drop them.
        matchStart = curStart[t] ?? 0;
        matchEnd = pos;
        break;
      }
      if (c < 0) continue;
      tgtThreadStart = curStart[t] ?? 0;
      if (state > m) {
        if (c !== NEWLINE) addClosure(state - m - 1);
        continue;
      }
      const tok = tokens[state] ?? 0;
      if (tok === ANY ? c !== NEWLINE : tok === c) addClosure(state + 1);
    }
    nxtLen = tgtLen;
    const swap = cur;
    cur = nxt;
    nxt = swap;
    const swapStart = curStart;
    curStart = nxtStart;
    nxtStart = swapStart;
    curLen = nxtLen;
    curGen = generation;
  }
  return matchStart < 0 ? null : [matchStart, matchEnd];
}
