"""bp_summary.py: median ms per training sample of `msl bp` JSON lines on stdin."""
import json
import statistics
import sys

rs = [json.loads(line) for line in sys.stdin if line.strip()]
tr = [r["ms_per_sample"] for r in rs]
al = [r["ms_per_sample_with_tests"] for r in rs]
r = rs[0]
print(f"msl bp hidden={r['hidden']} device={r['device']}: {len(rs)} runs of 1,000 training samples")
print(f"  ms per training sample: median {statistics.median(tr):.3f} (min {min(tr):.3f}, max {max(tr):.3f});"
      f" with tests every 500 on 200: {statistics.median(al):.3f}")
print(f"  peak memory: {max(x['peak_memory_mb'] for x in rs):.1f} MB")
