// brotli.mjs FILE: writes FILE.br at quality 11 with Node's own zlib, so `make run` and
// `make test` need no brotli binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const file = process.argv[2];
const data = readFileSync(file);
writeFileSync(file + '.br', brotliCompressSync(data, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    [constants.BROTLI_PARAM_LGWIN]: 24 },
}));
