// Writes the C++ source that embeds nastavnik's Russian personal names (generator/text/
// anthroponyms.cpp reads it), from the npm packages of data/anthroponyms:
//   az         OpenCorpora's dictionary as pymorphy2 builds it: every first name (tag Name)
//              with its gender and its singular forms in the six cases;
//   petrovich  its rules.json, verbatim: suffix rules that decline surnames, patronymics
//              and first names the dictionary does not hold.
// Usage: node extract.mjs NODE_MODULES OUT.cpp   (Node.js 18 or newer, no other packages)
// The output is sorted, so the same packages always give the same bytes; OUT is rewritten
// only when they change, so a rerun rebuilds nothing.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, out] = process.argv.slice(2);
if (!modules || !out) {
  console.error('usage: node extract.mjs NODE_MODULES OUT.cpp');
  process.exit(2);
}
const require = createRequire(path.resolve(modules, 'package.json'));
const azDir = path.dirname(require.resolve('az/package.json'));
const dicts = path.join(azDir, 'dicts');
const Az = require('az');
const petrovichRules = fs.readFileSync(
  path.join(path.dirname(require.resolve('petrovich/package.json')), 'rules.json'), 'utf8');
JSON.parse(petrovichRules);  // fail here, not in the generator, when the file is broken

const readJson = (name) => JSON.parse(fs.readFileSync(path.join(dicts, name), 'utf8'));
const tags = readJson('gramtab-opencorpora-int.json').map((t) => new Set(t.split(/[ ,]/)));
const suffixes = readJson('suffixes.json');
const meta = Object.fromEntries(readJson('meta.json'));
const prefixes = meta.compile_options.paradigm_prefixes;

// paradigms.array: a count, then per paradigm its length and three equal parts (the suffix,
// tag and prefix index of each form), as az's own loader reads it.
const paradigms = [];
{
  const b = fs.readFileSync(path.join(dicts, 'paradigms.array'));
  const list = new Uint16Array(b.buffer, b.byteOffset, b.length >> 1);
  for (let i = 0, pos = 1; i < list[0]; i++) {
    const size = list[pos++];
    paradigms.push(list.subarray(pos, pos + size));
    pos += size;
  }
}

// The dictionary stores words in Windows-1251; names use ASCII (the hyphen) and Cyrillic only.
function cp1251(bytes) {
  let s = '';
  for (const b of bytes) {
    if (b < 0x80) s += String.fromCharCode(b);
    else if (b >= 0xc0) s += String.fromCharCode(0x410 + b - 0xc0);
    else if (b === 0xa8) s += 'Ё';
    else if (b === 0xb8) s += 'ё';
    else throw new Error(`extract.mjs: unexpected byte 0x${b.toString(16)} in a name`);
  }
  return s;
}
// As name_key() compares words: lower case, ё as е.
const key = (w) => w.toLowerCase().replaceAll('ё', 'е');

const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'];
const GENDERS = { masc: 'm', femn: 'f', 'Ms-f': 'b' };

// Paradigms of first names: Name is a grammeme of the lexeme, so form 0 (the lemma) has it.
const nameParadigms = new Set();
paradigms.forEach((p, i) => {
  const t = tags[p[p.length / 3]];
  if (t.has('Name')) nameParadigms.add(i);
});

// Walks every key of words.dawg (word, 0x01, paradigm and form in four bytes) with az's
// DAWG reader, as its iterateAll does, but without keeping 5 million keys in memory.
const wordsFile = fs.readFileSync(path.join(dicts, 'words.dawg'));
const dawg = Az.DAWG.fromArrayBuffer(
  wordsFile.buffer.slice(wordsFile.byteOffset, wordsFile.byteOffset + wordsFile.length), 'raw');
function follow(label, index) {
  const next = dawg.followByte(label, index);
  if (next < 0) throw new Error('extract.mjs: words.dawg is damaged');
  return next;
}
function forEachKey(visit) {
  const stack = [0], k = [];
  let index = 0, started = false;
  for (;;) {
    index = stack[stack.length - 1];
    if (started) {
      let label = dawg.guide[index << 1];
      if (label) {
        index = follow(label, index);
        k.push(label); stack.push(index);
      } else {
        do {
          label = dawg.guide[(index << 1) + 1];
          k.pop(); stack.pop();
          if (!stack.length) return;
          index = stack[stack.length - 1];
          if (label) {
            index = follow(label, index);
            k.push(label); stack.push(index);
          }
        } while (!label);
      }
    }
    while (!dawg.hasValue(index)) {
      const label = dawg.guide[index << 1];
      index = follow(label, index);
      k.push(label); stack.push(index);
    }
    visit(k);
    started = true;
  }
}

// Each lexeme of a first name is found once, at its lemma (form 0); its forms come from the
// paradigm: prefix + stem + suffix.
// Keyed by all they hold, so that twins written with ё and with е count once.
const lexemes = new Map();  // → [lemma, gender, forms, patronymics]
let skipped = 0;
forEachKey((k) => {
  const n = k.length, sep = n - 5;
  if (k[sep] !== 1) return;
  const para = ((k[n - 4] ^ 1) << 6) + (k[n - 3] >> 1), form = ((k[n - 2] ^ 1) << 6) + (k[n - 1] >> 1);
  if (form !== 0 || !nameParadigms.has(para)) return;
  const p = paradigms[para], count = p.length / 3;
  const word = cp1251(k.slice(0, sep));
  const stem = word.slice(prefixes[p[2 * count]].length, word.length - suffixes[p[0]].length);
  const t0 = tags[p[count]];
  if (!t0.has('sing') || !t0.has('nomn')) { skipped++; return; }
  const gender = Object.keys(GENDERS).filter((g) => t0.has(g)).map((g) => GENDERS[g]);
  const g = gender.includes('b') || gender.length !== 1 ? 'b' : gender[0];
  const byCase = CASES.map(() => []), patronymics = [];
  for (let i = 0; i < count; i++) {
    const t = tags[p[count + i]];
    const c = CASES.findIndex((c) => t.has(c));
    if (c < 0 || !t.has('sing')) continue;  // plural and vocative (Маш) forms are left out
    const form = key(prefixes[p[2 * count + i]] + stem + suffixes[p[i]]);
    // pymorphy2 files the patronymics made from a first name (Иванович, Ивановна, Иваныч)
    // in its paradigm; their nominatives tell a patronymic from a surname such as Шостакович.
    if (t.has('Patr')) { if (c === 0) patronymics.push(form); } else if (t.has('Name')) byCase[c].push(form);
  }
  const lemma = key(word);
  const forms = [...new Set([lemma, ...byCase.flat()])];
  const patr = [...new Set(patronymics)];
  const id = `${lemma} ${g} ${forms.join(' ')}|${patr.join(' ')}`;
  lexemes.set(id, [lemma, g, forms, patr]);
});

// A form is written as how many letters to cut from the end of the lemma and what to add:
// «дарья» → «1и 1е 1ю 1ей 1ею». After a bar, the patronymics the same way: «иван» →
// «|0ович 0овна». Lexemes declined alike share one line of endings.
function ending(lemma, form) {
  const a = [...lemma], b = [...form];
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return `${a.length - same}${b.slice(same).join('')}`;
}
const rows = [...lexemes.values()].map(([lemma, g, forms, patr]) => [lemma, g,
  forms.slice(1).map((f) => ending(lemma, f)).join(' ') + '|' + patr.map((f) => ending(lemma, f)).join(' ')]);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const patterns = [...new Set(rows.map((r) => r[2]))].sort(cmp);
const patternIndex = new Map(patterns.map((p, i) => [p, i]));
const names = rows.map(([lemma, g, p]) => `${lemma} ${g} ${patternIndex.get(p)}`)
  .sort(cmp);

// Raw string literals of at most 16 KB each, cut at line ends: compilers limit the length
// of one literal (MSVC to 16 KB a piece), and the reader takes the text line by line.
const DELIM = 'nm';
function literals(text) {
  if (text.includes(`)${DELIM}"`)) throw new Error('extract.mjs: the data holds the literal delimiter');
  const pieces = [];
  let piece = '';
  for (const line of text.split(/(?<=\n)/)) {
    if (piece && Buffer.byteLength(piece + line) > 16000) { pieces.push(piece); piece = ''; }
    piece += line;
  }
  if (piece) pieces.push(piece);
  return pieces.map((p) => `    R"${DELIM}(${p})${DELIM}",\n`).join('');
}
const source = `// Generated by tools/anthroponyms/extract.mjs from the npm packages az ${require('az/package.json').version}
// (OpenCorpora ${meta.source_version}, revision ${meta.source_revision}) and petrovich ${require('petrovich/package.json').version}. Do not edit.
// ${names.length} first-name lexemes, ${patterns.length} lines of endings.
#include <span>
#include <string_view>

namespace nastavnik::anthroponym_data {

// One line per way of declining: the forms after the nominative, each as the number of
// letters cut from the nominative and the letters added; after a bar, the nominatives of
// the patronymics made from the name, written the same way.
std::span<const std::string_view> first_name_endings() {
  static constexpr std::string_view pieces[] = {
${literals(patterns.map((p) => p + '\n').join(''))}  };
  return pieces;
}

// One line per lexeme, sorted: the nominative (lower case, ё as е), its gender (m, f, b for
// either) and the line of its endings.
std::span<const std::string_view> first_names() {
  static constexpr std::string_view pieces[] = {
${literals(names.map((n) => n + '\n').join(''))}  };
  return pieces;
}

// petrovich's rules.json, verbatim.
std::span<const std::string_view> petrovich_rules() {
  static constexpr std::string_view pieces[] = {
${literals(petrovichRules)}  };
  return pieces;
}

}  // namespace nastavnik::anthroponym_data
`;

if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== source) {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  fs.writeFileSync(`${out}.new`, source);
  fs.renameSync(`${out}.new`, out);
}
if (skipped) console.error(`extract.mjs: ${skipped} first names without a singular nominative left out`);
