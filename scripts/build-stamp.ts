import fs from 'node:fs'
import { STAMP_FILE, computeSourceHash } from './source-hash.ts'

fs.writeFileSync(STAMP_FILE, computeSourceHash())
