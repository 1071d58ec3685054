#!/usr/bin/env bash
# cli_lut.sh: `msl lut` writes a table that --device lut loads, whose dG at
# grid points equals the direct circuit's (msl device --cell 1t1r); its grids
# are the reference HSPICE table's and its normalised RMS error against it
# is the documented one (docs/devices.md; skipped without MSL_SHARED_DIR's
# table); --cell runs in msl stdp and bp; bad options are named (exit 2), an
# unwritable output fails at run time (exit 1).
source "$(dirname "$0")/lib.sh"
ref=${MSL_SHARED_DIR:-}/model_data/1t1r_Paiyu_15.npz

"$msl" lut --out "$tmp/t.npz" > "$tmp/lut.json" 2> "$tmp/lut.err" && ok || bad "msl lut: $(cat "$tmp/lut.err")"
grep -q '"cell": "1t1r"' "$tmp/lut.json" && ok || bad "msl lut JSON: $(cat "$tmp/lut.json")"
# npz FILE...: python3 with tables t[0], t[1]... of FILE's arrays (name -> list)
npz() {
  local code=$1; shift
  python3 - "$@" <<PY
import array, ast, struct, sys, zipfile
def load(path):
    out = {}
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            b = z.read(n); hl = struct.unpack('<H', b[8:10])[0]
            h = ast.literal_eval(b[10:10 + hl].decode('latin1'))
            a = array.array('d'); a.frombytes(b[10 + hl:])
            out[n[:-4]] = list(a)
    return out
t = [load(p) for p in sys.argv[1:] if p.endswith(".npz")]
$code
PY
}
npz 'sys.exit(not all(min(t[0][k]) >= 0 and len(t[0][k]) == len(t[0][p + "_dG"]) for p in ("pot", "dep") for k in (p + "_E",)))' "$tmp/t.npz" \
  && ok || bad "pot_E, dep_E: not the shape of dG or negative"
if [ -f "$ref" ]; then
  # the reference's grids, pulse widths and range, exactly
  npz 'sys.exit(not all(t[0][k] == t[1][k] for k in t[1] if not k.endswith("_dG")))' "$tmp/t.npz" "$ref" \
    && ok || bad "grids of msl lut's table differ from the reference's"
  "$msl" lut --ref "$ref" --out "$tmp/r.npz" --onsets "$tmp/on.csv" > "$tmp/ref.json" 2> "$tmp/ref.err" \
    && ok || bad "msl lut --ref: $(cat "$tmp/ref.err")"
  # the JSON's normalised RMS errors, recomputed here from the two files;
  # the defaults' figures (docs/devices.md): pot 0.627, dep 0.054
  npz '
import json
j = json.loads(open(sys.argv[3]).read())
for p, top in (("pot", 0.64), ("dep", 0.06)):
    a, r = t[0][p + "_dG"], t[1][p + "_dG"]
    e = (sum((x - y) ** 2 for x, y in zip(a, r)) / sum(y * y for y in r)) ** 0.5
    if abs(e - j["nrmse_" + p]) > 1e-9 or e > top: sys.exit("%s: %g (JSON %g), at most %g" % (p, e, j["nrmse_" + p], top))
' "$tmp/t.npz" "$ref" "$tmp/ref.json" && ok || bad "nrmse against the reference"
  [ "$(head -1 "$tmp/on.csv")" = "G,pot_onset_msl,pot_onset_ref,dep_onset_msl,dep_onset_ref" ] &&
    [ "$(wc -l < "$tmp/on.csv")" -eq 347 ] && ok || bad "--onsets CSV: $(head -2 "$tmp/on.csv")"
else
  echo "note: $ref absent, the comparison with the reference table skipped"
fi
# dw of one pulse (msl device ARGS): the last CSV column dw of the row
dw() { "$msl" device --w "$1" --voltage "$2" --dt "$3" "${@:4}" | awk -F, 'NR == 2 { print $8 }'; }
# same A B: |A - B| <= 1e-9 |B| + 1e-18
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; exit !(d <= 1e-9 * m + 1e-18) }'; }
# grid points: pot_G[110] = 9e-06, pot_G[250] = 9.3e-05; pot_V 0.3, 0.5; dep_V 1.5, 2.0
for g in 9e-06 9.3e-05; do
  for v in 0.3 0.5; do
    a=$(dw "$g" "$v" 1e-8 --device lut --lut "$tmp/t.npz" --g1 1)
    b=$(dw "$g" "$v" 1e-8 --device chen15 --cell 1t1r --g1 1)
    same "$a" "$b" && ok || bad "pot dG at G $g, V $v: table $a, direct $b"
  done
  for v in 1.5 2; do
    a=$(dw "$g" "-$v" 1e-9 --device lut --lut "$tmp/t.npz" --g1 1)
    b=$(dw "$g" "-$v" 1e-9 --device chen15 --cell 1t1r --g1 1)
    same "$a" "$b" && ok || bad "dep dG at G $g, V -$v: table $a, direct $b"
  done
done
# the table's energies are counted; both runs finish
s="--neurons 10 --train 5 --test 5 --label-window 5 --quiet"
"$msl" stdp $s --device lut --lut "$tmp/t.npz" > "$tmp/a.json" && ok || bad "stdp through the table"
grep -q energy_supply_pot_per_image_nj "$tmp/a.json" && ok || bad "no supply energy from the table: $(cat "$tmp/a.json")"
"$msl" stdp $s --device chen15 --cell 1t1r > "$tmp/b.json" && ok || bad "stdp --cell 1t1r"
grep -q '"cell": "1t1r"' "$tmp/b.json" && ok || bad "stdp JSON lacks the cell"
"$msl" bp --train 20 --test 10 --epochs 1 --test-every 20 --hidden 20 --quiet --device chen15 --cell 2t1r > "$tmp/c.json" && ok || bad "bp --cell 2t1r"

# bad options, each named
expect_exit 2 "--out" lut
expect_exit 2 "--fit" lut --out "$tmp/x.npz" --fit
expect_exit 2 "--fit-step" lut --out "$tmp/x.npz" --fit-step 0
expect_exit 2 "--device ideal" lut --out "$tmp/x.npz" --device ideal
expect_exit 2 "--cell" stdp --device chen15 --cell 3t1r
expect_exit 2 "--mos-n" stdp --device chen15 --cell 1t1r --mos-n 0.5
expect_exit 2 "--mos-k" stdp --device chen15 --mos-k 1e-3
expect_exit 2 "--reset-width" stdp --device chen15 --cell 1t1r --reset-width 2
expect_exit 2 "--bias v2" stdp --device chen15 --cell 1t1r --bias v2
expect_exit 2 "--cell 1t1r" stdp --cell 1t1r
expect_exit 2 "--cell 1t1r" stdp --device chen15 --cell 1t1r --d2d 0.1
expect_exit 2 "--cells 1" device --device chen15 --cell 1t1r --w 1 --voltage 1 --cells 2
expect_exit 2 "--cell 1t1r" device --device lut --lut "$tmp/t.npz" --cell 1t1r --w 1 --voltage 1
expect_exit 2 "--fit-step" lut --out "$tmp/x.npz" --fit-step x
expect_exit 2 "--onsets" lut --out "$tmp/x.npz" --onsets "$tmp/o.csv"
expect_exit 2 "--mos-k" lut --out "$tmp/x.npz" --mos-k -1
expect_exit 2 "--cell" lut --out "$tmp/x.npz" --cell 3t1r
expect_exit 2 "--bogus" lut --out "$tmp/x.npz" --bogus
expect_exit 2 "--out" lut --out
# run-time failures: a missing reference, an unwritable table or onsets file
expect_exit 1 "--ref" lut --out "$tmp/x.npz" --ref "$tmp/none.npz"
expect_exit 1 "$tmp/no/dir/x.npz" lut --out "$tmp/no/dir/x.npz"
[ ! -e "$tmp/no" ] && ok || bad "a failed msl lut left $tmp/no"
if [ -f "$ref" ]; then
  expect_exit 1 "--onsets" lut --out "$tmp/x.npz" --ref "$ref" --onsets "$tmp/no/dir/o.csv"
fi
echo "cli_lut: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
