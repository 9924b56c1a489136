import { describe, expect, it } from 'vitest';
import { parseNodeFeatures } from '../../../../src-shared/graphs/parse-node-features';

const ids = ['alice', 'bob', 'carol', 'dave', 'erin'];

describe('parseNodeFeatures', () => {
  it('reads the dense form in any row order, with labels, a comment, an unknown node and a node without a row', () => {
    const text = [
      'node,age,score,label',
      '# erin has no row',
      'bob,31,0.5,staff',
      'alice,25,1.5,student',
      'zed,40,2,staff',
      'carol, 22 ,-1,',
      'dave,50,3e2,student',
    ].join('\n');
    const { features, labels, featureNames, report } = parseNodeFeatures(text, ids);
    expect(featureNames).toEqual(['age', 'score']);
    expect(features.count).toBe(2);
    expect(Array.from(features.values)).toEqual([25, 1.5, 31, 0.5, 22, -1, 50, 300, 0, 0]);
    expect(labels!.classes).toEqual(['staff', 'student']);
    expect(Array.from(labels!.values)).toEqual([1, 0, -1, 1, -1]);
    expect(report).toEqual({
      form: 'dense',
      lines: 7,
      rows: 4,
      nodesWithoutRow: 1,
      unknownNodes: 1,
      skipped: [{ line: 5, reason: 'node "zed" is not in the graph' }],
    });
  });

  it('reads the sparse form, with feature columns in order of first appearance', () => {
    const text = 'node,feature,value\nalice,w:cat,1\nbob,w:dog,2\nalice,w:dog,0.5\nzed,w:fish,1\nerin,w:cat,3\n';
    const { features, labels, featureNames, report } = parseNodeFeatures(text, ids);
    expect(featureNames).toEqual(['w:cat', 'w:dog']);
    expect(Array.from(features.values)).toEqual([1, 0.5, 0, 2, 0, 0, 0, 0, 3, 0]);
    expect(labels).toBeUndefined();
    expect(report).toEqual({ form: 'sparse', lines: 6, rows: 4, nodesWithoutRow: 2, unknownNodes: 1, skipped: [{ line: 5, reason: 'node "zed" is not in the graph' }] });
  });

  it('reads a TSV keyed by the node indices of a graph without ids', () => {
    const { features, labels } = parseNodeFeatures('node\tx\ty\n1\t3\t4\n0\t1\t2\n', ['0', '1']);
    expect(Array.from(features.values)).toEqual([1, 2, 3, 4]);
    expect(labels).toBeUndefined();
  });

  const refused: [string, string, string | RegExp][] = [
    ['an empty file', '\n\n', /the node-feature file is empty: it needs a header row/],
    ['a header of one column', 'node\nalice\n', /line 1: the header "node" names one column/],
    ['a header naming a column twice', 'node,a,a\n', 'line 1: the header names column "a" twice'],
    ['two label columns', 'node,label,Label,a\n', 'line 1: the header has 2 label columns; keep one'],
    ['a label but no feature', 'node,label\nalice,x\n', 'line 1: the header names no feature column, only the node id and a label'],
    ['a short row', 'node,a,b\nalice,1\n', 'line 2: 2 field(s) where the header has 3 (node, a, b)'],
    ['a long row', 'node,a\n\nalice,1,2\n', 'line 3: 3 field(s) where the header has 2 (node, a)'],
    ['a word for a number', 'node,a\nalice,x\n', 'line 2, column "a": "x" is not a finite number'],
    ['an empty value', 'node,a,b\nalice,1,\n', 'line 2, column "b": "" is not a finite number'],
    ['an infinite value', 'node,a\nalice,Infinity\n', 'line 2, column "a": "Infinity" is not a finite number'],
    ['a sparse value that is not a number', 'node,feature,value\nalice,x,yes\n', 'line 2, column "value": "yes" is not a finite number'],
    ['a node given twice', 'node,a\nalice,1\nbob,2\nalice,3\n', 'line 4: node "alice" has a row already (line 2)'],
    ['a sparse feature given twice', 'node,feature,value\nalice,x,1\nbob,x,1\nalice,x,2\n', 'line 4: node "alice" has feature "x" a second time'],
    ['a header without rows', 'node,a\n', 'the node-feature file gives no node features: it has no data rows'],
    [
      'rows that name no node of the graph',
      'node,a\nzed,1\nyan,2\n',
      'the node-feature file gives no node features: none of its rows names a node of the graph (first: "zed", line 2): are its ids the edge list\'s?',
    ],
  ];
  it.each(refused)('refuses %s', (_name, text, error) => {
    expect(() => parseNodeFeatures(text, ids)).toThrow(error);
  });
});
