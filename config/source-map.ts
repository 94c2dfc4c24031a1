import type { Document, LineCounter, Node } from 'yaml';
import { isMap, isNode, isPair, isScalar, isSeq } from 'yaml';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export type PathSegment = string | number;

/** Finds where a path of env.yaml stands in the source, so errors point at a line and column. */
export class YamlSourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private at(offset: number | undefined): Position {
    if (offset === undefined) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  private node(path: readonly PathSegment[]): Node | undefined {
    if (path.length === 0) return isNode(this.doc.contents) ? this.doc.contents : undefined;
    const found: unknown = this.doc.getIn(path, true);
    return isNode(found) ? found : undefined;
  }

  /** The key node of the last segment inside its parent map, where a key is the thing to point at. */
  private keyNode(path: readonly PathSegment[]): Node | undefined {
    const parent = this.node(path.slice(0, -1));
    const last = path[path.length - 1];
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
    return pair && isNode(pair.key) ? pair.key : undefined;
  }

  /** The position of the value at `path`. */
  valueAt(path: readonly PathSegment[]): Position {
    return this.at(this.node(path)?.range?.[0] ?? this.keyNode(path)?.range?.[0]);
  }

  /** The position of the key at `path` (an unknown key), falling back to its value. */
  keyAt(path: readonly PathSegment[]): Position {
    return this.at(this.keyNode(path)?.range?.[0] ?? this.node(path)?.range?.[0]);
  }

  /** Where a missing key belongs: at the key of the mapping that should hold it. */
  containerAt(path: readonly PathSegment[]): Position {
    const keyOfParent = path.length > 0 ? this.keyNode(path) : undefined;
    return this.at(keyOfParent?.range?.[0] ?? this.node(path)?.range?.[0]);
  }

  /** Path segments typed like the document: sequence indexes become numbers. */
  typedPath(raw: readonly string[]): PathSegment[] {
    const typed: PathSegment[] = [];
    for (const segment of raw) {
      const container = this.node(typed);
      typed.push(isSeq(container) && /^\d+$/.test(segment) ? Number(segment) : segment);
    }
    return typed;
  }
}
