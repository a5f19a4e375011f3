"""Writes N schema-v1 items shaped like a month of Chorus output for the report benchmark:
30 daily files under date=YYYY-MM-DD/ (every third one gzipped), 24 sources on 8 platforms,
5% of items re-emitted as a later revision in a later file, and a re-delivery file repeating
2% of lines. Deterministic (fixed seed). Usage: report_generate.py N OUTDIR"""
import gzip, json, os, random, sys, time

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(20180416)
platforms = ["mastodon", "bluesky", "reddit", "hackernews", "x", "rss", "atom", "json"]
sources = [(f"{p}-{k}", p) for p in platforms for k in range(3)]
labels = ["positive"] * 5 + ["negative"] * 3 + ["neutral"] * 3 + ["mixed"] + ["unsupported"]
tags = ["relief", "excitement", "anticipation", "hope", "gratitude", "anger", "worry", "disappointment", "sarcasm"]
rules = ["lexicon", "booster", "negation", "exclamation", "almost-there", "breaking-good-news", "wow", "but-shift", "title+text"]
words = ("ZTE export ban Commerce Department suppliers relief business fast employees good news almost there "
         "Shenzhen chips Qualcomm trade deal reversal penalty billion compliance handset network carriers "
         "Washington Beijing tariff order denial settlement shares suspended analysts wow breaking").split()
start = 1_525_132_800  # 2018-05-01T00:00:00Z
days = 30

def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

def item(i, revision):
    r = random.Random(i * 7919 + revision)
    source, platform = sources[i % len(sources)]
    t = start + (i * days * 86400) // n
    label = r.choice(labels)
    sentiment = None
    if r.random() > 0.03:
        compound = None if label == "unsupported" else round(r.uniform(0.05, 1) * (-1 if label == "negative" else 1) * (0.2 if label in ("neutral", "mixed") else 1), 4)
        sentiment = {"label": label, "compound": compound, "pos": 0.2, "neu": 0.7, "neg": 0.1,
                     "tags": r.sample(tags, r.choice([0, 0, 1, 1, 2])), "rules": r.sample(rules, r.choice([1, 2, 3]))}
    text = " ".join(r.choice(words) for _ in range(r.randint(12, 40)))
    article = platform in ("rss", "atom")
    return {
        "schema_version": 1, "id": "%032x" % (i * 2654435761 % (1 << 127)), "source": source, "platform": platform,
        "kind": "article" if article else r.choice(["post", "post", "reply", "repost"]),
        "native_id": str(100000000 + i), "url": f"https://{platform}.example/{source}/{i}",
        "title": text[:60] if article else None, "text": text, "lang": "en",
        "author": {"name": f"user {i % 5000}", "handle": f"@u{i % 5000}", "url": None, "email": None},
        "published_at": stamp(t), "updated_at": None, "fetched_at": stamp(t + 300), "tags": ["zte"], "enclosures": [],
        "feed": {"title": source, "url": f"https://{platform}.example/{source}"} if article else None,
        "metrics": None if article else {"likes": r.randint(0, 500), "reposts": r.randint(0, 50), "replies": r.randint(0, 30), "score": None, "quotes": 0},
        "in_reply_to": None, "repost_of": None, "quote_of": None, "content_warning": None,
        "keywords": ["ZTE"] if r.random() < 0.6 else [], "revision": revision, "sentiment": sentiment,
    }

def line(d):
    return json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"

# Day by day, streaming: day d holds items first(d)..<first(d+1) and the revisions of the
# items of day d-1 (every 20th one); every 50th line also goes to a re-delivery file (what
# `--output -` output saved twice gives), 2% of all lines.
def first(d):
    return (d * n + days - 1) // days

os.makedirs(out, exist_ok=True)
redelivered = open(os.path.join(out, "redelivered.ndjson"), "w")
written = 0
for day in range(days):
    folder = os.path.join(out, "date=" + stamp(start + day * 86400)[:10])
    os.makedirs(folder, exist_ok=True)
    name = os.path.join(folder, "chorus-%sT235900Z.ndjson" % stamp(start + day * 86400)[:10].replace("-", ""))
    f = gzip.open(name + ".gz", "wt", compresslevel=6, encoding="utf-8") if day % 3 == 2 else open(name, "w", encoding="utf-8")
    rows = [(i, 0) for i in range(first(day), first(day + 1))]
    if day > 0:
        rows += [(i, 1) for i in range(first(day - 1), first(day)) if i % 20 == 7]
    for i, revision in rows:
        text = line(item(i, revision))
        f.write(text)
        if written % 50 == 0:
            redelivered.write(text)
        written += 1
    f.close()
redelivered.close()
