import type { Node } from 'yaml';
import { isScalar, isSeq, parse, parseDocument } from 'yaml';

// Edits of env.yaml as text: each replaces one node's characters and nothing else, so comments, flow maps and the
// layout of every other line stay as written and a pull request shows exactly the values that changed.

function nodeAt(source: string, at: readonly (string | number)[]): Node | undefined {
  const node: unknown = parseDocument(source).getIn(at, true);
  return node as Node | undefined;
}

/** A scalar as YAML text that reads back as the same string: plain when it can be, single-quoted otherwise. */
export function scalarText(value: string, quoted: boolean): string {
  const plainReadsBack = (() => {
    try {
      return parse(value) === value;
    } catch {
      return false;
    }
  })();
  return quoted || !plainReadsBack ? `'${value.replaceAll("'", "''")}'` : value;
}

/** Replaces the scalar at `at`, keeping its quotes (an account id stays a string). */
export function replaceScalar(source: string, at: readonly (string | number)[], value: string): string {
  const node = nodeAt(source, at);
  if (!isScalar(node) || !node.range) throw new Error(`env.yaml has no ${at.join('.')} to set`);
  const [start, end] = node.range;
  const quoted = node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE';
  return `${source.slice(0, start)}${scalarText(value, quoted)}${source.slice(end)}`;
}

/** Replaces the items of the block or flow sequence at `at` with `values`, in the same style and indentation. */
export function replaceSequence(source: string, at: readonly (string | number)[], values: readonly string[]): string {
  const node = nodeAt(source, at);
  if (!isSeq(node) || !node.range) throw new Error(`env.yaml has no list ${at.join('.')} to set`);
  const [start] = node.range;
  const items = values.map((v) => scalarText(v, false));
  if (node.flow) {
    const end = node.range[1];
    return `${source.slice(0, start)}[${items.join(', ')}]${source.slice(end)}`;
  }
  // A block sequence's range runs to the start of the next key: replace its item lines only.
  const lastItem = node.items[node.items.length - 1];
  const end = isScalar(lastItem) && lastItem.range ? lastItem.range[1] : node.range[1];
  const indent = start - source.lastIndexOf('\n', start - 1) - 1;
  const text = items.map((item, i) => `${i === 0 ? '' : ' '.repeat(indent)}- ${item}`).join('\n');
  return `${source.slice(0, start)}${text}${source.slice(end)}`;
}

/**
 * Sets `key: value` in the block mapping holding the scalar at `sibling`: replaces it when the key is there,
 * otherwise adds a line after the sibling's, at its indentation.
 */
export function setBesides(source: string, sibling: readonly (string | number)[], key: string, value: string): string {
  const at = [...sibling.slice(0, -1), key];
  if (isScalar(nodeAt(source, at))) return replaceScalar(source, at, value);
  const node = nodeAt(source, sibling);
  if (!isScalar(node) || !node.range) throw new Error(`env.yaml has no ${sibling.join('.')}`);
  const lineStart = source.lastIndexOf('\n', node.range[0] - 1) + 1;
  const lineEnd = source.indexOf('\n', node.range[1]);
  const indent = /^ */.exec(source.slice(lineStart))![0];
  const end = lineEnd === -1 ? source.length : lineEnd;
  return `${source.slice(0, end)}\n${indent}${key}: ${scalarText(value, false)}${source.slice(end)}`;
}
