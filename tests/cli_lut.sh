#!/usr/bin/env bash
# cli_lut.sh: `msl lut` writes a table that --device lut loads, whose dG at
# grid points equals the direct circuit's (msl device --cell 1t1r); --cell
# runs in msl stdp; bad options are named.
source "$(dirname "$0")/lib.sh"

"$msl" lut --out "$tmp/t.npz" > "$tmp/lut.json" 2> "$tmp/lut.err" && ok || bad "msl lut: $(cat "$tmp/lut.err")"
grep -q '"cell": "1t1r"' "$tmp/lut.json" && ok || bad "msl lut JSON: $(cat "$tmp/lut.json")"
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
expect_exit 2 "--cell 1t1r" device --device lut --lut "$tmp/t.npz" --cell 1t1r --w 1 --voltage 1
expect_exit 1 "--ref" lut --out "$tmp/x.npz" --ref "$tmp/none.npz"
echo "cli_lut: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
