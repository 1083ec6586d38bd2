// brotli.mjs FILE...: writes FILE.br at quality 11 for each FILE with Node's own zlib, so
// `make run` and `make test` need no brotli binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

for (const file of process.argv.slice(2)) {
  const data = readFileSync(file);
  writeFileSync(file + '.br', brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_LGWIN]: 24 },
  }));
}
