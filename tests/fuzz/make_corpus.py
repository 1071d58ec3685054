#!/usr/bin/env python3
"""make_corpus.py: writes the seed corpora tests/fuzz/corpus/<harness>/ for
the libFuzzer harnesses: small valid and near-valid IDX files (plain and
gzip-compressed), .npy and .npz files and option lists. Standard library
only (struct, zipfile, gzip), so it runs on any
machine with python3; rerun it after changing it and commit the files."""
import gzip
import io
import os
import shutil
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def npy(descr, shape, data, fortran=False, major=1):
    """A .npy file: magic, version, header dict padded to 64 bytes, data."""
    shape_s = "(" + "".join("%d, " % d for d in shape).rstrip(" ")
    shape_s = shape_s[:-1] + ",)" if len(shape) == 1 else shape_s.rstrip(",") + ")"
    d = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_s)
    pre = 10 if major == 1 else 12
    hlen = len(d) + 1
    hlen += (64 - (pre + hlen) % 64) % 64
    h = d.ljust(hlen - 1) + "\n"
    size = struct.pack("<H", hlen) if major == 1 else struct.pack("<I", hlen)
    return b"\x93NUMPY" + bytes([major, 0]) + size + h.encode() + data


def f8(values, order="<"):
    return struct.pack(order + "%dd" % len(values), *values)


def npz(members, deflate):
    b = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(b, "w", method) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data, compress_type=method)
    return b.getvalue()


def patch_sizes(archive, size):
    """Declare `size` uncompressed bytes in every local and central header."""
    b = bytearray(archive)
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        k = b.find(sig)
        while k >= 0:
            b[k + off:k + off + 4] = struct.pack("<I", size)
            k = b.find(sig, k + 4)
    return bytes(b)


def idx(dims, data):
    return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data


def gz(data):
    """One gzip member, without a time stamp (the same bytes on every run)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(harness, files):
    d = os.path.join(HERE, "corpus", harness)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in files.items():
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


def main():
    write("fuzz_idx", {
        "labels": idx([10], bytes(range(10))),
        "images": idx([2, 4, 4], bytes(range(32))),
        "matrix": idx([2, 3], bytes([1, 2, 3, 4, 5, 6])),
        "four_dims": idx([1, 2, 2, 2], bytes(8)),
        "truncated": idx([3, 4, 4], bytes(40)),
        "trailing": idx([2], bytes(5)),
        "signed_bytes": bytes([0, 0, 9, 1, 0, 0, 0, 2, 1, 2]),
        "overflow_dims": idx([1 << 28, 1 << 28, 1 << 28], b""),  # regression: 2^84 bytes
        "header_only": bytes([0, 0, 8, 3, 0, 0]),
        # gzip-compressed (msl_idx_gunzip): good, two members, damaged, hostile
        "labels.gz": gz(idx([10], bytes(range(10)))),
        "images.gz": gz(idx([2, 4, 4], bytes(range(32)))),
        "two_members.gz": gz(idx([2, 3], b"")) + gz(bytes([1, 2, 3, 4, 5, 6])),
        "trailing.gz": gz(idx([2], bytes(5))),
        "truncated.gz": gz(idx([3, 4, 4], bytes(range(48))))[:-12],
        "bad_crc.gz": gz(idx([10], bytes(10)))[:-8] + bytes(4) + struct.pack("<I", 18),
        "junk_after.gz": gz(idx([10], bytes(10))) + b"junk",
        "bomb.gz": gz(idx([10], bytes(10)) + bytes(1 << 20)),  # 1 MiB more than promised
        "huge_header.gz": gz(idx([1 << 20, 28, 28], b"")),  # 822 MB promised in ~40 bytes
    })
    vec = f8([1.5, -2.0, 3e-300])
    mat = f8([1, 2, 3, 4, 5, 6])
    npys = {
        "f8_vec.npy": npy("<f8", (3,), vec),
        "f8_mat.npy": npy("<f8", (2, 3), mat),
        "f8_fortran.npy": npy("<f8", (2, 3), f8([1, 4, 2, 5, 3, 6]), fortran=True),
        "f8_big_endian.npy": npy(">f8", (3,), f8([1.5, -2.0, 3e-300], ">")),
        "f4.npy": npy("<f4", (2, 2), struct.pack("<4f", 1.5, -2, 0.25, 8)),
        "i8.npy": npy("<i8", (2,), struct.pack("<2q", -7, 1 << 40)),
        "u2_be.npy": npy(">u2", (1, 2), struct.pack(">2H", 7, 65535)),
        "u1.npy": npy("|u1", (4,), bytes([0, 1, 128, 255])),
        "bool.npy": npy("|b1", (2,), bytes([0, 1])),
        "scalar.npy": npy("<f8", (), f8([4.25])),
        "empty.npy": npy("<f8", (0,), b""),
        "zero_dim.npy": npy("<f8", (0, 5), b""),
        "four_d.npy": npy("<f8", (1, 1, 2, 1), f8([1, 2]), fortran=True),
        "v2.npy": npy("|f8", (3,), vec, major=2),
        "v3.npy": npy("<f8", (3,), vec, major=3),
        "truncated.npy": npy("<f8", (5,), vec),
        "huge_shape.npy": npy("<f8", (999999999,), f8([1, 2])),  # regression: 8 GB twice
        "complex.npy": npy("<c16", (1,), bytes(16)),
        "bad_header.npy": b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f8'  \n",
    }
    write("fuzz_npy", npys)
    grid = [("gmin.npy", npy("<f8", (), f8([1e-6]))), ("gmax.npy", npy("<f8", (), f8([9e-6]))),
            ("pot_G.npy", npy("<f8", (2,), f8([1e-6, 9e-6]))),
            ("pot_V.npy", npy("<f8", (3,), f8([0.5, 1.0, 1.5]))),
            ("pot_dG.npy", npy("<f8", (2, 3), f8([1e-7, 2e-7, 3e-7, 0, 1e-7, 2e-7]))),
            ("pot_dt.npy", npy("<f8", (), f8([1e-8])))]
    small = [("a.npy", npys["f8_vec.npy"]), ("b.npy", npys["i8.npy"]),
             ("c.npy", npys["f8_fortran.npy"])]
    write("fuzz_npz", {
        "table_stored.npz": npz(grid, False),
        "table_deflated.npz": npz(grid, True),
        "small_stored.npz": npz(small, False),
        "small_deflated.npz": npz(small, True),
        "empty_member.npz": npz([("e.npy", b"")], False),
        "not_npy.npz": npz([("x", b"hello")], True),
        "no_members.npz": npz([], False),
        # regressions: a member declaring 0xFFFFFF00 bytes (was a 4 GB malloc)
        "huge_stored.npz": patch_sizes(npz(small[:1], False), 0xFFFFFF00),
        "huge_deflated.npz": patch_sizes(npz(small[:1], True), 0xFFFFFF00),
    })
    argvs = {
        "chen": ["--device", "chen15", "--g1", "1e-4", "--vp", "1.3", "--substeps", "2"],
        "lut": ["--device=lut", "--lut", "t.npz", "--v1p", "0.25", "--v1n=1.45", "--dvp", "0.01",
                "--dvn", "0.03"],
        "vteam": ["--device", "vteam", "--lr", "0.03", "--dt-pre", "1e-9", "--dt-post=1e-8"],
        "run": ["--seed", "18446744073709551615", "--data", "/tmp", "--out", "x.jsonl", "--quiet",
                "--quirks", "reference"],
        "counts": ["--neurons", "100", "--epochs=2", "--train", "100000000"],
        "lists": ["--list", "1,2.5,-3e-5", "--check", "a,,b", "--int", "-5", "--pos", "1e-300",
                  "--u64", "-1"],
        "bad": ["--g1", "nan", "--vp", "1e400", "--neurons", "0", "--seed"],
        "missing": ["--device"],
        # regression (found by fuzz_opts): a refused value was stored anyway
        "rejected_positive": ["--device", "vteam", "--dt-pre", "0e-9", "--dt-post", "-1"],
        "curve": ["--device", "curve", "--preset", "agsi", "--gmin", "1e-9", "--a-ltp", "30",
                  "--params", "dev.json", "--v0", "0.05"],
    }
    write("fuzz_opts", {k: b"\0".join(a.encode() for a in v) for k, v in argvs.items()})
    rows = "".join("%d,%.6e,300\n" % (k, 1e-7 + 9e-7 * (1 - 2.718281828 ** (-k / 20)))
                   for k in range(12))
    write("fuzz_csv", {
        "ltp.csv": ("pulse,conductance,temperature\n" + rows).encode(),
        "ltd.csv": ("\ufeffconductance , pulse\r\n1e-6,0\r\n8e-7,1\r\n6e-7,2\r\n"
                    "5e-7,3\r\n4.5e-7,4\r\n").encode(),
        "quoted.csv": b'"pulse","conductance"\n"0","1e-7"\n1,2e-7\n2,3e-7\n3,4e-7\n4,5e-7\n',
        "noheader.csv": b"0,1e-7\n1,2e-7\n",
        "bad.csv": b"pulse,conductance\n0,abc\n1,-1\n\n1,1e400\n",
        "flat.csv": b"pulse,conductance\n0,1\n1,1\n2,1\n3,1\n4,1\n",
    })
    write("fuzz_paramfile", {
        "fit.json": b'{"device": "curve", "gmin": 1e-07, "gmax": 1e-06, "a_ltp": 50, '
                    b'"a_ltd": 30, "p_ltp": 100, "p_ltd": 60, "c2c": 0.4}\n',
        "line.json": b'{"device": "curve", "gmin": 1e-07, "gmin_sd": 1e-09, "ok": true,\n'
                     b' "x": null, "version": "0.1.0"}',
        "empty.json": b"{}",
        "bad.json": b'{"a": 1e999, "b": "\\n", "c" 1}',
        "nested.json": b'{"a": {"b": 1}, "c": [1, 2]}',
    })
    # fuzz_ckpt edits a payload it makes itself: offset (4 bytes), cut, bytes
    write("fuzz_ckpt", {
        "unchanged": b"\0\0\0\0\0",
        "cut": b"\0\0\0\0\x07",
        "count": b"\0\0\0\x30\0\xff\xff\xff\x7f",
    })


if __name__ == "__main__":
    main()
