"""Prints one benchmark line (the format of bench_parse_hld) for a Python parser run."""
import resource
import sys
import time


def report(label, nbytes, wall_start, cpu_start, detections, hosts, qid_sum):
    wall = time.perf_counter() - wall_start
    cpu = time.process_time() - cpu_start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{label}\t{nbytes}\t{wall:.4f}\t{cpu:.4f}\t{detections}\t{hosts}\t{qid_sum % 2**64}\t{rss_kb}")


def source(path):
    """The document as a binary file object; '-' is stdin. Counts bytes read."""
    return CountingReader(sys.stdin.buffer if path == "-" else open(path, "rb"))


class CountingReader:
    def __init__(self, f):
        self.f = f
        self.nbytes = 0

    def read(self, n=-1):
        data = self.f.read(n)
        self.nbytes += len(data)
        return data
