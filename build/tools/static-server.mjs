// static-server.mjs DIR [PORT]: a plain static file server for the static build (make static),
// standing in for any static host: a file for each path, /bindings as bindings.html (the
// "clean URLs" most hosts offer), FILE.br or FILE.gz when the browser takes it and the build
// made it, and 404 for anything else. It prints "serving DIR at URL" once listening.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || 'build/out/static');
const port = Number(process.argv[3] || 0);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.json': 'application/json',
};

function resolve(urlPath) {
  let p = decodeURIComponent(urlPath);
  if (p.includes('\0') || p.split('/').includes('..')) return null;
  if (p.endsWith('/')) p += 'index.html';
  for (const cand of [p, p + '.html']) {
    const f = path.join(dir, cand);
    if (f.startsWith(dir + path.sep) && fs.statSync(f, { throwIfNoEntry: false })?.isFile()) return f;
  }
  return null;
}

const server = http.createServer((req, res) => {
  const file = resolve(new URL(req.url, 'http://x').pathname);
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    return res.end('not found');
  }
  const headers = { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
  const accept = req.headers['accept-encoding'] || '';
  let body = file;
  for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accept.includes(enc) && fs.existsSync(file + ext)) { body = file + ext; headers['Content-Encoding'] = enc; break; }
  }
  headers['Content-Length'] = fs.statSync(body).size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(body).pipe(res);
});
server.listen(port, '127.0.0.1', () => console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}`));
