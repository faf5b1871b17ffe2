"""End to end as a Python user writes it today: every page of host list detection fetched over
HTTP(S) with urllib (following the WARNING/URL chain), parsed as it streams with
lxml.etree.iterparse, each detection written as one JSON line (every DETECTION child, with the
host's ID and IP). The fastest Python approach of the parser table, so the comparison with
`qvm detections --format ndjson` is like for like.

usage: e2e_lxml_ndjson.py BASE_URL OUT.ndjson [CA_FILE]"""
import base64
import json
import ssl
import sys
import urllib.parse
import urllib.request

from lxml import etree


def fetch_all(base, out, context):
    auth = "Basic " + base64.b64encode(b"demo:demo").decode()
    headers = {"Authorization": auth, "X-Requested-With": "python-bench"}
    url = base + "/api/2.0/fo/asset/host/vm/detection/"
    form = urllib.parse.urlencode(
        {"action": "list", "show_results": "1", "truncation_limit": "1000"}).encode()
    rows = 0
    while url:
        request = urllib.request.Request(url, data=form, headers=headers)
        next_url = None
        with urllib.request.urlopen(request, context=context) as response:
            host_id = ip = None
            for _, el in etree.iterparse(response, events=("end",), huge_tree=True):
                tag = el.tag
                if tag == "DETECTION":
                    row = {"host_id": host_id, "ip": ip}
                    for child in el:
                        row[child.tag.lower()] = child.text
                    out.write(json.dumps(row))
                    out.write("\n")
                    rows += 1
                    el.clear()
                elif tag == "HOST":
                    el.clear()
                    while el.getprevious() is not None:
                        del el.getparent()[0]
                elif tag in ("ID", "IP") and el.getparent().tag == "HOST":
                    if tag == "ID":
                        host_id = el.text
                    else:
                        ip = el.text
                elif tag == "URL" and el.getparent().tag == "WARNING":
                    next_url = el.text
        url, form = next_url, None  # the WARNING URL carries the parameters: a GET
    return rows


def main():
    base, out_path = sys.argv[1], sys.argv[2]
    context = ssl.create_default_context(cafile=sys.argv[3]) if len(sys.argv) > 3 else None
    with open(out_path, "w", encoding="utf-8") as out:
        rows = fetch_all(base, out, context)
    print(rows)


main()
