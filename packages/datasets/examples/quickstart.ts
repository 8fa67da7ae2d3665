import {
  compileExpression,
  makeDataset,
  parseCsv,
  standardize,
  trainTestSplit,
  writeCsv,
} from '@tessera/datasets';

// The seed experiment: points on (label 1), above or below (label 0) f = x1² + x2² + 3.
const ds = makeDataset('paraboloid', { n: 1000, seed: 7 });
console.log(ds.n, ds.d, ds.k, ds.meta.counts); // 1000 3 1 { on: 700, above: 200, below: 100 }

// Any surface from a safe expression.
const f = compileExpression('sin(3*x) * y + 2');
console.log(f(0, 1)); // 2
const s = makeDataset('surface', { f: 'sin(3*x) * y + 2', n: 200, noise: 0.05, seed: 1 });
console.log(s.meta.kind, s.x.length); // regression 400

// Split (stratified for classification), standardize with the training statistics.
const { train, test } = trainTestSplit(ds, { testFraction: 0.2, seed: 1 });
const { scaler } = standardize(train);
const testZ = standardize(test, scaler).dataset;
console.log(train.n, test.n, testZ.d); // 800 200 3

// CSV round-trips exactly.
const text = writeCsv(ds);
console.log(text.split('\n')[0]); // x1,x2,x3,y
const back = parseCsv(text);
console.log(back.x.every((v, i) => Object.is(v, ds.x[i]))); // true
