#!/usr/bin/env python3
"""Writes FILES saved Mastodon timeline responses of PER statuses each into DIR, in the
documented Status shape (accounts, HTML content with entities, emoji and CJK text, boosts,
replies, media, tags). Deterministic: the same arguments give the same bytes."""
import json
import random
import sys

out, files, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20180514)
phrases = [
    "Wow! Breaking good news! ZTE could be back into business, fast.",
    "Almost there &mdash; the Commerce Department still has to sign off.",
    "中兴通讯的禁令可能很快解除。好消息！",
    "Export bans as bargaining chips? A terrible precedent &amp; a risky one.",
    "Suppliers are asking when shipments can restart 🚀🎉",
    "7-year ban stands for now; rough week for 75,000 employees &lt;sigh&gt;.",
    "Le sursis de ZTE: &quot;retour aux affaires, vite&quot; ? 🤔",
]
hosts = ["social.example", "mastodon.example.cn", "fosstodon.example", "other.example"]


def account(n):
    host = hosts[n % len(hosts)]
    name = f"user{n}"
    local = host == "social.example"
    return {"id": str(1000 + n), "username": name, "acct": name if local else f"{name}@{host}",
            "display_name": rng.choice(["Ana R.", "李伟 🇨🇳", "Kit", "", "Sam &amp; co"]), "locked": False, "bot": n % 17 == 0,
            "discoverable": True, "group": False, "created_at": "2017-04-02T00:00:00.000Z", "note": "<p>Trade and tech.</p>",
            "url": f"https://{host}/@{name}", "avatar": f"https://{host}/avatars/{n}.png", "avatar_static": f"https://{host}/avatars/{n}.png",
            "header": f"https://{host}/headers/{n}.png", "header_static": f"https://{host}/headers/{n}.png",
            "followers_count": rng.randint(0, 50000), "following_count": rng.randint(0, 900), "statuses_count": rng.randint(1, 90000),
            "last_status_at": "2018-05-14", "emojis": [], "fields": []}


def status(seq):
    t = 1526290200 - seq * 7
    sid = str((t * 1000 << 16) + seq % 65536)
    acc = account(rng.randint(0, 400))
    host = acc["url"].split("/")[2]
    text = " ".join(rng.sample(phrases, 2))
    s = {"id": sid, "created_at": f"2018-05-14T{(t // 3600) % 24:02d}:{(t // 60) % 60:02d}:{t % 60:02d}.000Z",
         "in_reply_to_id": None, "in_reply_to_account_id": None, "sensitive": False, "spoiler_text": "", "visibility": "public",
         "language": rng.choice(["en", "zh", "fr", None]), "uri": f"https://{host}/users/{acc['username']}/statuses/{sid}",
         "url": f"https://{host}/@{acc['username']}/{sid}", "replies_count": rng.randint(0, 40), "reblogs_count": rng.randint(0, 300),
         "favourites_count": rng.randint(0, 900), "quotes_count": 0, "edited_at": None, "favourited": False, "reblogged": False,
         "muted": False, "bookmarked": False,
         "content": f"<p>{text} <a href=\"https://social.example/tags/zte\" class=\"mention hashtag\" rel=\"tag\">#<span>zte</span></a></p>",
         "filtered": [], "reblog": None, "application": {"name": "Web", "website": None}, "account": acc,
         "media_attachments": [], "mentions": [], "tags": [{"name": "zte", "url": "https://social.example/tags/zte"}],
         "emojis": [], "card": None, "poll": None}
    r = rng.random()
    if r < 0.15:
        s["in_reply_to_id"] = str(int(sid) - 12345)
        s["in_reply_to_account_id"] = "1001"
    elif r < 0.25:
        s["spoiler_text"] = "US politics"
        s["sensitive"] = True
    elif r < 0.35:
        s["media_attachments"] = [{"id": sid, "type": "image", "url": f"https://{host}/media/{sid}.jpg",
                                   "preview_url": f"https://{host}/media/small/{sid}.jpg", "remote_url": None,
                                   "description": "ZTE headquarters", "blurhash": "UFBWY:8_0Jxu"}]
    elif r < 0.45:
        inner = dict(s)
        inner["id"] = str(int(sid) - 777)
        inner["uri"] = f"https://{host}/users/{acc['username']}/statuses/{inner['id']}"
        booster = account(rng.randint(0, 400))
        bhost = booster["url"].split("/")[2]
        s = dict(s, content="", reblog=inner, account=booster, url=None, tags=[],
                 uri=f"https://{bhost}/users/{booster['username']}/statuses/{sid}/activity")
    return s


seq = 0
for f in range(files):
    page = []
    for _ in range(per):
        page.append(status(seq))
        seq += 1
    with open(f"{out}/timeline-{f:05d}.json", "w", encoding="utf-8") as fh:
        json.dump(page, fh, ensure_ascii=False, separators=(",", ":"))
