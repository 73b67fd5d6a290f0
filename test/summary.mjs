// Prints vitest's JSON report as one plain closing line: "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const file = process.argv[2] || 'test-results/vitest.json'
try {
  const r = JSON.parse(readFileSync(file, 'utf8'))
  const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0)
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
  if (!r.numTotalTests) process.exitCode = 1
} catch (err) {
  console.error(`no test report at ${file}: ${err.message}`)
  process.exitCode = 1
}
