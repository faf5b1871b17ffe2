"""HLD parsed incrementally with lxml.etree.iterparse, clearing each HOST once read: the most
memory-frugal approach a Python user would write."""
import sys
import time

from lxml import etree

from hld_result import report, source

wall, cpu = time.perf_counter(), time.process_time()
f = source(sys.argv[1])
detections = hosts = qid_sum = 0
for _, el in etree.iterparse(f, events=("end",), tag=("DETECTION", "HOST"), huge_tree=True):
    if el.tag == "DETECTION":
        detections += 1
        qid_sum += int(el.findtext("QID"))
    else:
        hosts += 1
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
report("lxml.iterparse", f.nbytes, wall, cpu, detections, hosts, qid_sum)
