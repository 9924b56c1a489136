import { describe, expect, it } from 'vitest';
import { parseNodeLabels } from '../../../../src-shared/graphs/parse-node-labels';

const ids = ['alice', 'bob', 'carol', 'dave'];

describe('parseNodeLabels', () => {
  it('reads node,label rows with a header, comments, an unknown node, an empty label and a node without a row', () => {
    const text = ['node,label', '# dave has no row', 'bob,staff', 'alice,student', 'zed,staff', 'carol,', ''].join('\n');
    const { labels, report } = parseNodeLabels(text, ids);
    expect(labels.classes).toEqual(['staff', 'student']);
    expect(Array.from(labels.values)).toEqual([1, 0, -1, -1]);
    expect(report).toEqual({ lines: 6, header: true, rows: 3, nodesWithoutLabel: 2, unknownNodes: 1, skipped: [{ line: 5, reason: 'node "zed" is not in the graph' }] });
  });

  it('reads a headerless tab- or space-separated file', () => {
    expect(Array.from(parseNodeLabels('alice\tA\nbob\tB\ncarol\tA\ndave\tB\n', ids).labels.values)).toEqual([0, 1, 0, 1]);
    const spaced = parseNodeLabels('0 x\n1   y\n', ['0', '1']);
    expect(spaced.report.header).toBe(false);
    expect(spaced.labels.classes).toEqual(['x', 'y']);
  });

  it.each([
    { what: 'an empty file', text: '# nothing\n\n', error: /^the labels file is empty/ },
    { what: 'a row of three fields', text: 'node,label\nalice,a,b\n', error: /^line 2: 3 field\(s\) \("alice,a,b"\); a labels file has two per row/ },
    { what: 'a node labelled twice', text: 'alice,a\nbob,b\nalice,c\n', error: /^line 3: node "alice" has a label already \(line 1\)$/ },
    { what: 'labels of other nodes only', text: 'node,label\nx,a\ny,b\n', error: /^the labels file labels no node: none of its rows names a node of the graph \(first: "x,a", line 2\)/ },
  ])('refuses $what, naming the line', ({ text, error }) => {
    expect(() => parseNodeLabels(text, ids)).toThrow(error);
  });
});
