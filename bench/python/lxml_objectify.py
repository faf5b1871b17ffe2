"""HLD parsed the way many Qualys scripts do it: lxml.objectify on the whole document."""
import sys
import time

from lxml import objectify

from hld_result import report, source

wall, cpu = time.perf_counter(), time.process_time()
f = source(sys.argv[1])
root = objectify.parse(f).getroot()
detections = hosts = qid_sum = 0
host_list = getattr(root.RESPONSE, "HOST_LIST", None)
if host_list is not None:
    for host in host_list.HOST:
        hosts += 1
        dl = getattr(host, "DETECTION_LIST", None)
        if dl is None:
            continue
        for d in dl.DETECTION:
            detections += 1
            qid_sum += int(d.QID)
report("lxml.objectify", f.nbytes, wall, cpu, detections, hosts, qid_sum)
