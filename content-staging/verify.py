#!/usr/bin/env python3
"""Review aid for content-staging/statistics/ until the kiosk's validator knows the kind.

Usage: python3 content-staging/verify.py [SEEDS_DIR]   (default ../shared/seeds from the checkout)

Checks, per statistic file: the fields of content-staging/README.md; every quote occurs in its
article (white space ignored, ASCII , : ; ( ) ! ? equal to their full-width forms, the
`corrections` of sources.yaml applied); every value followed by its unit occurs in its quote;
the approx words around it agree with `approx`; as_of/from are real dates; a year of as_of/from
is in the quote or a note; links name existing exhibits; the glossary's English forms are used.
Exit status 1 on any error. Python 3 and PyYAML (Debian: python3-yaml) only.
"""
import datetime, glob, os, re, sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'seeds')
FULL = str.maketrans({',': '，', ':': '：', ';': '；', '(': '（', ')': '）', '!': '！', '?': '？'})
APPROX = {'over': ['超过', '超', '逾', '以上'], 'about': ['约为', '约', '左右'], 'nearly': ['近']}
ALL_APPROX = [w for ws in APPROX.values() for w in ws]
errors = 0


def err(f, msg):
    global errors
    errors += 1
    print(f'{f}: error: {msg}')


def norm(s, corrections=None):
    s = re.sub(r'\s+', '', s).translate(FULL)
    for a, b in (corrections or {}).items():
        s = s.replace(a, b)
    return s


def front(path):
    text = open(path, encoding='utf-8').read()
    m = re.match(r'^---\n(.*?)\n---\n(.*)$', text, re.S)
    if not m:
        raise ValueError('no front matter')
    return yaml.safe_load(m.group(1)), m.group(2)


def valid_date(s):
    for fmt in ('%Y-%m-%d', '%Y-%m', '%Y'):
        try:
            datetime.datetime.strptime(s, fmt)
            return len(s) == {'%Y-%m-%d': 10, '%Y-%m': 7, '%Y': 4}[fmt]
        except ValueError:
            pass
    return False


sources = {s['id']: s for s in yaml.safe_load(open(os.path.join(ROOT, 'content', 'sources.yaml')))}
seed_text = {}
for sid, s in sources.items():
    seed_text[sid] = norm(open(os.path.join(SEEDS, s['file']), encoding='utf-8').read(), s.get('corrections'))
glossary = yaml.safe_load(open(os.path.join(ROOT, 'content', 'glossary.yaml')))
known_ids = {os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, 'content', '*', '*.md'))}
stat_files = sorted(glob.glob(os.path.join(ROOT, 'content-staging', 'statistics', '*.md')))
known_ids |= {os.path.basename(p)[:-3] for p in stat_files}

TOP = {'id', 'title', 'summary', 'measure', 'unit', 'values', 'links', 'sources'}
VAL = {'value', 'value_en', 'approx', 'unit', 'as_of', 'from', 'as_of_basis', 'as_of_note', 'basis',
       'source', 'quote', 'note'}
n_values = 0
for path in stat_files:
    f = os.path.relpath(path, ROOT)
    try:
        d, body = front(path)
    except Exception as e:  # noqa: BLE001 - report and go on with the next file
        err(f, f'cannot read: {e}')
        continue
    for k in set(d) - TOP:
        err(f, f'unknown field {k}')
    for k in ('id', 'title', 'summary', 'measure', 'unit', 'values'):
        if k not in d:
            err(f, f'missing {k}')
    if d.get('id') != os.path.basename(path)[:-3] or not re.fullmatch(r'stat-[a-z0-9-]{1,59}', d.get('id', '')):
        err(f, 'id must be stat-… (a-z 0-9 -) and equal the file name')
    for k in ('title', 'summary', 'measure', 'unit'):
        if not isinstance(d.get(k), dict) or set(d[k]) != {'zh', 'en'}:
            err(f, f'{k} must be {{zh, en}}')
    if len(d['title']['zh']) > 40 or len(d['title']['en']) > 100:
        err(f, 'title too long')
    if len(d['summary']['zh']) > 160 or len(d['summary']['en']) > 400:
        err(f, 'summary too long')
    if '# zh' not in body or '# en' not in body:
        err(f, 'body needs # zh and # en')
    zh_body, en_body = body.split('# en', 1) if '# en' in body else (body, '')
    for link in d.get('links', []) or []:
        if link not in known_ids:
            err(f, f'link {link} names no exhibit')
    quotes = []  # (source, quote, note) backing the texts
    for s in d.get('sources', []) or []:
        quotes.append((s['source'], s['quote'], s.get('note', '')))
    last = ''
    for i, v in enumerate(d.get('values', [])):
        n_values += 1
        w = f"value {i + 1} ({v.get('value')})"
        for k in set(v) - VAL:
            err(f, f'{w}: unknown field {k}')
        for k in ('value', 'as_of', 'basis', 'source', 'quote'):
            if k not in v:
                err(f, f'{w}: missing {k}')
        if not isinstance(v.get('value'), str):
            err(f, f'{w}: value must be a quoted string')
            continue
        if v.get('basis') not in ('actual', 'target'):
            err(f, f'{w}: basis must be actual or target')
        if v.get('as_of_basis', 'stated') not in ('stated', 'reported'):
            err(f, f'{w}: as_of_basis must be stated or reported')
        if v.get('approx') not in (None, 'over', 'about', 'nearly'):
            err(f, f'{w}: approx must be over, about or nearly')
        for k in ('as_of', 'from'):
            if k in v and not valid_date(str(v[k])):
                err(f, f'{w}: {k} {v[k]!r} is not YYYY, YYYY-MM or YYYY-MM-DD')
        if 'from' in v and str(v['from']) > str(v['as_of']):
            err(f, f'{w}: from is after as_of')
        if str(v['as_of']) < last:
            err(f, f'{w}: values must be oldest first')
        last = str(v['as_of'])
        src = sources.get(v.get('source'))
        if not src:
            err(f, f'{w}: unknown source {v.get("source")}')
            continue
        q = norm(v['quote'], src.get('corrections'))
        if q not in seed_text[v['source']]:
            err(f, f'{w}: quote not found in {src["file"]}')
        quotes.append((v['source'], v['quote'], v.get('as_of_note', '') + v.get('note', '')))
        if v.get('as_of_basis') == 'reported' and not str(src['published']).startswith(str(v['as_of'])):
            err(f, f'{w}: a reported as_of must be the article\'s date ({src["published"]})')
        for k in ('as_of', 'from'):
            if k in v:
                year = str(v[k])[:4]
                if year not in v['quote'] and year not in v.get('as_of_note', '') and v.get('as_of_basis') != 'reported':
                    err(f, f'{w}: year {year} of {k} is in neither quote nor as_of_note')
        ven = str(v.get('value_en', ''))
        if re.search(r'(?i)\b(about|over|nearly|more than|some)\b', ven):
            err(f, f'{w}: value_en says the qualifier; write the number only and use approx')
        if ven.endswith('+') != bool(re.search('[多余]', v['value'])):
            err(f, f'{w}: value_en ends in + exactly when the value has 多 or 余')
        unit = (v.get('unit') or d['unit'])['zh']
        needle = norm(v['value'] + unit)
        pos = q.find(needle)
        if pos < 0:
            if 'without' in v.get('note', ''):
                print(f'{f}: note: {w}: "{needle}" not in the quote, explained in note')
            else:
                err(f, f'{w}: "{needle}" does not occur in its quote')
            pos = q.find(norm(v['value']))
            needle = norm(v['value'])
        if pos >= 0:
            around = q[max(0, pos - 2):pos] + '|' + q[pos + len(needle):pos + len(needle) + 2]
            found = [a for a in ALL_APPROX if a in around]
            want = APPROX.get(v.get('approx'), [])
            if v.get('approx') and not any(a in around for a in want):
                err(f, f'{w}: approx {v["approx"]} but the article writes "{around}"')
            if not v.get('approx') and found:
                err(f, f'{w}: the article writes "{around}" ({found[0]}): set approx')
    # glossary: a term in a Chinese text needs its English form in the English texts
    zh_texts = ' '.join([d['title']['zh'], d['summary']['zh'], d['measure']['zh'], d['unit']['zh'], zh_body])
    en_texts = ' '.join([d['title']['en'], d['summary']['en'], d['measure']['en'], d['unit']['en'], en_body]).lower()
    for g in glossary:
        t = zh_texts
        for e in g.get('except', []):
            t = t.replace(e, '')
        if g['zh'] in t and g['en'].lower() not in en_texts:
            err(f, f'glossary: {g["zh"]} needs "{g["en"]}" in English')
    if re.search(r'[\u4e00-\u9fff]', en_texts):
        err(f, 'Chinese characters in English text')
    # every number written in the Chinese texts must occur in one of the file's quotes
    all_q = norm(''.join(q for _, q, _ in quotes))
    for num in re.findall(r'(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?:/\d+)?', norm(d['summary']['zh'] + d['title']['zh'] + zh_body)):
        if num not in all_q and not re.fullmatch(r'(19|20)\d\d', num) and num not in ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '26', '27', '29'):
            err(f, f'number {num} in the Chinese text is in none of the quotes')
    rel = ['今年', '去年', '明年', '前年', '目前', '如今', '当前', '近日', '日前', '近期', '最近', '现在', '近年', '半年来', '一年来']
    for r in rel:
        for m in re.finditer(r, d['summary']['zh'] + zh_body):
            tail = (d['summary']['zh'] + zh_body)[m.end():m.end() + 12]
            if '（' not in tail[:2] and '）' not in tail:
                err(f, f'relative time word {r} without its date in brackets')
print(f'{len(stat_files)} statistic files, {n_values} values, {errors} errors')
sys.exit(1 if errors else 0)
