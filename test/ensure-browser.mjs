// Makes sure Debian's Chromium is there for the browser tests (never downloads a
// browser build of its own). As root it installs the `chromium` package with
// apt-get; otherwise it says what to run.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { CHROMIUM as path } from './helpers/chromium.mjs'

if (!existsSync(path)) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`${path} is missing: installing Debian's chromium package...`)
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' })
  } else {
    console.error(`Chromium not found at ${path}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`)
    process.exit(1)
  }
}
