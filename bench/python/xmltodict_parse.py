"""HLD parsed the way other Qualys clients do it: xmltodict into nested dicts."""
import sys
import time

import xmltodict

from hld_result import report, source


def as_list(x):
    return x if isinstance(x, list) else [x]


wall, cpu = time.perf_counter(), time.process_time()
f = source(sys.argv[1])
doc = xmltodict.parse(f)
detections = hosts = qid_sum = 0
host_list = doc["HOST_LIST_VM_DETECTION_OUTPUT"]["RESPONSE"].get("HOST_LIST") or {}
for host in as_list(host_list.get("HOST", [])):
    hosts += 1
    dl = host.get("DETECTION_LIST") or {}
    for d in as_list(dl.get("DETECTION", [])):
        detections += 1
        qid_sum += int(d["QID"])
report("xmltodict", f.nbytes, wall, cpu, detections, hosts, qid_sum)
