/**
 * A regex alternation of many words, rewritten as a trie: "street|strasse|st" becomes
 * "st(?:r(?:asse|eet))?" and "str\.|straße" becomes "stra?…". V8 tries the branches of a plain
 * alternation one after another at every position of the text; in the trie a position costs a
 * character test per level, and most positions fail at the first.
 *
 * The matches are those of the plain alternation: each branch is still there, written as a
 * path, and backtracking tries them all. Which branch wins at a position may differ, so use it
 * where only whether (and where) something matches counts, not which word.
 */

interface TrieNode {
  /** A branch ends here. */
  end: boolean;
  children: Map<string, TrieNode>;
}

/**
 * One regex atom: an escape (`\.`, `\b`, `\p{L}`), a character class or one character, with the
 * quantifier that follows it. A group is not an atom: a branch with one is kept whole.
 */
const ATOM = /\\p\{[^}]+\}|\\.|\[(?:\\.|[^\]\\])*\]|[^\\[(){}?*+|]/suy;
const QUANTIFIER = /(?:[?*+]|\{\d+(?:,\d*)?\})\??/uy;

/** The branches of `alternation` ("a|b|c", regex syntax) as one trie-shaped pattern, in a non-capturing group. */
export function trieAlternation(alternation: string | readonly string[]): string {
  const branches = typeof alternation === 'string' ? splitBranches(alternation) : alternation;
  const root: TrieNode = { end: false, children: new Map() };
  const whole: string[] = [];
  for (const branch of branches) {
    const atoms = atomsOf(branch);
    if (!atoms) whole.push(branch);
    else addPath(root, atoms);
  }
  const trie = root.children.size > 0 ? [serialize(root, false)] : [];
  return `(?:${[...trie, ...whole].join('|')})`;
}

/** The top-level branches of an alternation: a `|` inside a group or class does not split. */
function splitBranches(alternation: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < alternation.length; i += 1) {
    const c = alternation[i];
    if (c === '\\') i += 1;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    else if (c === '|' && depth === 0) {
      branches.push(alternation.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(alternation.slice(start));
  return branches;
}

/** The atoms of a branch, or undefined when it holds a group or anything else that is not one. */
function atomsOf(branch: string): string[] | undefined {
  const atoms: string[] = [];
  for (let at = 0; at < branch.length; ) {
    ATOM.lastIndex = at;
    const atom = ATOM.exec(branch);
    if (!atom) return undefined;
    QUANTIFIER.lastIndex = at + atom[0].length;
    const quantifier = QUANTIFIER.exec(branch)?.[0] ?? '';
    atoms.push(atom[0] + quantifier);
    at += atom[0].length + quantifier.length;
  }
  return atoms.length > 0 ? atoms : undefined;
}

function addPath(root: TrieNode, atoms: string[]): void {
  let node = root;
  for (const atom of atoms) {
    let child = node.children.get(atom);
    if (!child) {
      child = { end: false, children: new Map() };
      node.children.set(atom, child);
    }
    node = child;
  }
  node.end = true;
}

/** The pattern of what follows `node`: its children as branches, optional when a word ends here. */
function serialize(node: TrieNode, optional: boolean): string {
  const branches = [...node.children]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([atom, child]) => atom + (child.children.size > 0 ? serialize(child, child.end) : ''));
  if (!optional && branches.length === 1) return branches[0]!;
  return `(?:${branches.join('|')})${optional ? '?' : ''}`;
}
