#!/usr/bin/env bash
# cli_report.sh: `msl report` on a hand-made database: the best configuration
# per workload, device and G1 (seed means, ties to the lowest energy, failed
# and running rows ignored), the table files and the PNG/SVG plots; receptive
# fields from `msl stdp --save-weights` (when MNIST is installed); --vs
# PARAM on a hand-made database (lines, seed means, baseline, log or linear
# axis, errors) and on a tiny sweep over --c2c (when MNIST is installed).
source "$(dirname "$0")/lib.sh"
# figure_ok PATH: PATH.png is a PNG and PATH.svg an SVG.
figure_ok() {
  [ -s "$1.png" ] && [ "$(head -c 4 "$1.png" | tail -c 3)" = PNG ] && ok || bad "$1.png"
  [ -s "$1.svg" ] && grep -q '<svg' "$1.svg" && ok || bad "$1.svg"
}

sqlite3 "$tmp/h.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL);
INSERT INTO runs VALUES
 ('i1', 'ci1', 'lr=0.01', 'stdp', 'ideal', NULL, 1, 'done', 0.80, 0),
 ('i2', 'ci2', 'lr=0.02', 'stdp', 'ideal', NULL, 1, 'done', 0.85, 0),
 -- chen15 at 1e-5: vp=1.2 and vp=1.3 both average 0.65 over two seeds: the lower energy wins.
 ('a1', 'ca1', 'vp=1.2', 'stdp', 'chen15', 1e-5, 1, 'done', 0.60, 5.0),
 ('a2', 'ca1', 'vp=1.2', 'stdp', 'chen15', 1e-5, 2, 'done', 0.70, 7.0),
 ('a3', 'ca2', 'vp=1.3', 'stdp', 'chen15', 1e-5, 1, 'done', 0.66, 3.0),
 ('a4', 'ca2', 'vp=1.3', 'stdp', 'chen15', 1e-5, 2, 'done', 0.64, 3.0),
 -- not done: ignored however good.
 ('a5', 'ca3', 'vp=1.4', 'stdp', 'chen15', 1e-5, 1, 'failed', 0.99, 1.0),
 ('a6', 'ca4', 'vp=1.5', 'stdp', 'chen15', 1e-5, 1, 'running', 0.99, 1.0),
 ('b1', 'cb1', 'vp=1.2', 'stdp', 'chen15', 1e-4, 1, 'done', 0.70, 50),
 ('b2', 'cb2', 'vp=1.3', 'stdp', 'chen15', 1e-4, 1, 'done', 0.75, 40),
 ('c1', 'cc1', 'lr=0.01', 'stdp', 'vteam', 1e-5, 1, 'done', 0.50, 2),
 ('c2', 'cc2', 'lr=0.02', 'stdp', 'vteam', 1e-5, 1, 'done', 0.40, 1),
 ('c3', 'cc3', 'lr=0.02', 'stdp', 'vteam', 1e-4, 1, 'done', 0.55, 20),
 ('d1', 'cd1', 'lr=0.0002', 'bp', 'vteam', 2e-5, 1, 'done', 0.90, 9),
 ('d2', 'cd2', 'lr=0.0002', 'bp', 'ideal', NULL, 1, 'done', 0.95, 0);
SQL
"$msl" report --db "$tmp/h.db" --out "$tmp/r" > "$tmp/table.txt" 2> "$tmp/err" || bad "report failed: $(cat "$tmp/err")"
cat "$tmp/table.txt"
expect_csv() { grep -qxF "$1" "$tmp/r/table.csv" && ok || bad "table.csv lacks '$1'"; }
expect_csv "workload,device,g1,test_accuracy,energy_per_image_nj,seeds,configs,params"
expect_csv "stdp,chen15,1e-05,0.6500,3,2,2,vp=1.3"
expect_csv "stdp,chen15,0.0001,0.7500,40,1,2,vp=1.3"
expect_csv "stdp,ideal,,0.8500,0,1,2,lr=0.02"
expect_csv "stdp,vteam,1e-05,0.5000,2,1,2,lr=0.01"
expect_csv "stdp,vteam,0.0001,0.5500,20,1,1,lr=0.02"
expect_csv "bp,vteam,2e-05,0.9000,9,1,1,lr=0.0002"
[ "$(wc -l < "$tmp/r/table.csv")" -eq 8 ] && ok || bad "table.csv rows: $(cat "$tmp/r/table.csv")"
grep -q '^| stdp | chen15 | 1e-05 | 0.6500 | 3 | 2 | 2 | vp=1.3 |$' "$tmp/r/table.md" && ok || bad "table.md"
grep -qE '^stdp +chen15 +1e-05 +0\.6500 +3 +2 +2 +vp=1\.3$' "$tmp/table.txt" && ok || bad "aligned table"
for w in stdp bp; do
  for p in accuracy energy; do figure_ok "$tmp/r/${w}_$p"; done
done
grep -q "0.85 with lines" "$tmp/r/stdp_plots.gp" && ok || bad "baseline line in the accuracy plot"
"$msl" report --db "$tmp/h.db" --out "$tmp/np" --no-plots > /dev/null && [ -s "$tmp/np/table.md" ] &&
  ! ls "$tmp/np"/*.png 2> /dev/null && ok || bad "--no-plots"

# --curves: result lines of msl stdp / bp. stdp: 1 epoch of 25 images in
# windows of 10, then 5 test images: chunks end at 10, 20, 25 and 30 (test);
# chunk_accuracy covers the last three chunks.
cat > "$tmp/runs.jsonl" <<'JSON'
{"workload":"stdp","device":"chen15","epochs":1,"train_samples":25,"test_samples":5,"label_window":10,"g1":1e-4,"vp":1.3,"seed":1,"chunk_accuracy":[0.5,0.6,0.8],"chunk_energy_nj":[1.5,2,2.5,3]}

{"workload":"bp","device":"vteam","g1":1.4e-5,"lr":0.1,"seed":2,"curve":[[1000,0.7],[2000,0.9]],"energy_curve_nj":[[1000,0.5],[2000,0.25]]}
{"workload":"stdp","device":"ideal","epochs":2,"train_samples":10,"test_samples":4,"label_window":10,"lr":0.01,"seed":1,"chunk_accuracy":[0.4,0.7],"chunk_energy_nj":[0,0,0]}
JSON
"$msl" report --curves "$tmp/runs.jsonl" --out "$tmp/cv" > "$tmp/cv.txt" 2> "$tmp/cv.err" || bad "--curves failed: $(cat "$tmp/cv.err")"
grep -q "^stdp chen15 G1=0.0001 vp=1.3 seed 1$" "$tmp/cv.txt" && ok || bad "curves label: $(head -1 "$tmp/cv.txt")"
grep -qE "^ +25 +accuracy 0.6 +energy 2.5 nJ/image$" "$tmp/cv.txt" && ok || bad "stdp chunk at 25"
grep -qE "^ +30 +accuracy 0.8 +energy 3 nJ/image$" "$tmp/cv.txt" && ok || bad "stdp test chunk at 30"
grep -qE "^ +10 +accuracy nan +energy 1.5 nJ/image$" "$tmp/cv.txt" && ok || bad "stdp first chunk (no accuracy)"
grep -qE "^ +2000 +accuracy 0.9 +energy 0.25 nJ/image$" "$tmp/cv.txt" && ok || bad "bp point"
grep -qE "^ +24 +accuracy 0.7 +energy 0 nJ/image$" "$tmp/cv.txt" && ok || bad "ideal: 2 epochs of 10, test at 24"
grep -q "^1000 0.7 0.5$" "$tmp/cv/runs_curves.dat" && ok || bad "curves data file"
for p in accuracy energy; do figure_ok "$tmp/cv/runs_${p}_curve"; done
! grep -q "index 2 using 1:3" "$tmp/cv/runs_curves.gp" && ok || bad "ideal run drawn in the energy plot"

# With a label pass (--label-pass 15 after 2 chunks of 10): its chunk ends at
# 35, the test at 40.
printf '%s\n' '{"workload":"stdp","device":"ideal","epochs":1,"train_samples":20,"test_samples":5,"label_window":10,"label_pass":15,"seed":1,"chunk_accuracy":[0.5,0.6,0.7],"chunk_energy_nj":[0,0,0,0]}' > "$tmp/lp.jsonl"
"$msl" report --curves "$tmp/lp.jsonl" --out "$tmp/lpc" > "$tmp/lpc.txt" 2> "$tmp/lpc.err" || bad "--curves with a label pass: $(cat "$tmp/lpc.err")"
grep -qE "^ +35 +accuracy 0.6 +energy 0 nJ/image$" "$tmp/lpc.txt" && grep -qE "^ +40 +accuracy 0.7 " "$tmp/lpc.txt" &&
  ok || bad "label pass chunk at 35, test at 40: $(cat "$tmp/lpc.txt")"

# Ideal synapses only: the accuracy figure, and no energy figure (no point has one).
sqlite3 "$tmp/ideal.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL);
INSERT INTO runs VALUES ('i1', 'ci1', 'lr=0.01', 'stdp', 'ideal', NULL, 1, 'done', 0.80, 0);
SQL
"$msl" report --db "$tmp/ideal.db" --out "$tmp/ri" > /dev/null 2> "$tmp/ri.err" || bad "ideal-only report failed: $(cat "$tmp/ri.err")"
figure_ok "$tmp/ri/stdp_accuracy"
[ ! -e "$tmp/ri/stdp_energy.png" ] && ok || bad "ideal-only report drew an energy figure"
# A G1 range inside one decade (Fig. 4's 1.4e-5 to 7e-5): a log axis with
# no power of ten in it shows no tick labels, so the points' values label it;
# a range over decades (the first report) keeps gnuplot's own.
sqlite3 "$tmp/dec.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL);
INSERT INTO runs VALUES ('a', 'ca', 'vp=1.5', 'bp', 'chen15', 1.4e-5, 1, 'done', 0.95, 1.0),
  ('b', 'cb', 'vp=1.5', 'bp', 'chen15', 7e-5, 1, 'done', 0.97, 0.5);
SQL
"$msl" report --db "$tmp/dec.db" --out "$tmp/rdec" > /dev/null 2> "$tmp/rdec.err" || bad "one-decade report failed: $(cat "$tmp/rdec.err")"
grep -qF "set xtics add ('1.4e-05' 1.4e-05, '7e-05' 7e-05)" "$tmp/rdec/bp_plots.gp" && ok || bad "one-decade G1 axis: $(grep xtics "$tmp/rdec/bp_plots.gp")"
! grep -q "xtics add" "$tmp/r/stdp_plots.gp" && ok || bad "a G1 axis over decades got labelled ticks"
figure_ok "$tmp/rdec/bp_accuracy"
# ... and against a parameter: energies all 0, no energy figure (gnuplot
# warned of an empty range before), nothing on stderr.
sqlite3 "$tmp/iv.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL,
  lr REAL);
INSERT INTO runs VALUES ('i1', 'ci1', 'lr=0.01', 'stdp', 'ideal', NULL, 1, 'done', 0.80, 0, 0.01),
  ('i2', 'ci2', 'lr=0.02', 'stdp', 'ideal', NULL, 1, 'done', 0.85, 0, 0.02);
SQL
"$msl" report --db "$tmp/iv.db" --vs lr --out "$tmp/riv" > /dev/null 2> "$tmp/riv.err" || bad "ideal-only --vs failed: $(cat "$tmp/riv.err")"
figure_ok "$tmp/riv/stdp_accuracy_vs_lr"
[ ! -e "$tmp/riv/stdp_energy_vs_lr.png" ] && [ ! -s "$tmp/riv.err" ] && ok ||
  bad "ideal-only --vs: an energy figure or messages: $(cat "$tmp/riv.err")"

# Points still running are counted on stderr and under the table.
grep -qx "(1 point still running, not in this table)" "$tmp/table.txt" && ok || bad "running count in the table"
grep -q "1 point still running (status 'running')" "$tmp/err" && ok || bad "running count on stderr"
# Junk text in numeric columns: missing (not 0), with a warning and a count.
sqlite3 "$tmp/junk.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL);
INSERT INTO runs VALUES
 ('a', 'ca', '', 'stdp', 'vteam', 1e-5, 1, 'done', 0.5, 'lots'),
 ('b', 'cb', '', 'stdp', 'vteam', 2e-5, 1, 'done', 'high', 3),
 ('c', 'cc', '', 'stdp', 'vteam', 'big', 1, 'done', 0.4, 2);
SQL
"$msl" report --db "$tmp/junk.db" --out "$tmp/j" --no-plots > /dev/null 2> "$tmp/j.err" || bad "junk report failed"
grep -q "3 non-numeric values in numeric columns of finished runs (g1 1, test_accuracy 1, energy_per_image_nj 1), shown as missing" \
  "$tmp/j.err" && ok || bad "junk warning: $(cat "$tmp/j.err")"
[ "$(cat "$tmp/j/table.csv" | tr '\n' ';')" = \
  "workload,device,g1,test_accuracy,energy_per_image_nj,seeds,configs,params;stdp,vteam,,0.4000,2,1,1,;stdp,vteam,1e-05,0.5000,,1,1,;" ] \
  && ok || bad "junk table: $(cat "$tmp/j/table.csv")"
# A WAL database in a read-only folder (no -shm can be created): read as
# immutable. Root ignores directory permissions, so the report runs as
# nobody (setpriv); without setpriv/nobody this case is skipped.
if [ "$(id -u)" -ne 0 ] || command -v setpriv > /dev/null; then
  mkdir -p "$tmp/ro"
  cp "$tmp/h.db" "$tmp/ro/w.db"
  sqlite3 "$tmp/ro/w.db" "PRAGMA journal_mode=WAL;" > /dev/null
  chmod 755 "$tmp"; chmod 555 "$tmp/ro"; chmod 644 "$tmp/ro/w.db"; mkdir -p "$tmp/rout"; chmod 777 "$tmp/rout"
  as=(); [ "$(id -u)" -eq 0 ] && as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  "${as[@]}" touch "$tmp/ro/probe" 2> /dev/null && bad "read-only folder is writable" || ok
  "${as[@]}" "$msl" report --db "$tmp/ro/w.db" --out "$tmp/rout" --no-plots > "$tmp/ro.txt" 2> "$tmp/ro.err" \
    && grep -qE '^stdp +chen15 +1e-05 +0\.6500' "$tmp/ro.txt" && grep -q "read as immutable" "$tmp/ro.err" \
    && ok || bad "WAL database in a read-only folder: $(cat "$tmp/ro.err")"
  chmod 755 "$tmp/ro"
else
  echo "SKIP: read-only folder case (root without setpriv)"
fi
expect_err "give --db" report --out "$tmp/x"
bad_curves() { # expected-substring file-content
  printf "$2" > "$tmp/bad.jsonl"
  expect_err "$1" report --curves "$tmp/bad.jsonl" --out "$tmp/x"
}
bad_curves "bad.jsonl:1: stdp result without epochs" '{"workload":"stdp"}\nnot json\n'
bad_curves "bad.jsonl:2: not a JSON object" '\nnot json\n'
bad_curves "do not have the same samples" '{"workload":"bp","curve":[[1,0.5]],"energy_curve_nj":[[2,1]]}\n'
bad_curves "3 chunks expected, chunk_energy_nj has 2" \
  '{"workload":"stdp","epochs":1,"train_samples":20,"label_window":10,"chunk_energy_nj":[1,2]}\n'
bad_curves "not an msl stdp or bp result" '{"workload":"fit"}\n'
bad_curves "no results" '\n'
expect_err "cannot open" report --curves "$tmp/none.jsonl" --out "$tmp/x"
expect_err "unable to open" report --db "$tmp/none.db" --out "$tmp/x"
sqlite3 "$tmp/empty.db" "CREATE TABLE runs (point_key TEXT, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL)"
expect_err "no finished runs" report --db "$tmp/empty.db" --out "$tmp/x"
printf 'not sqlite' > "$tmp/text.db"
expect_err "text.db: file is not a database" report --db "$tmp/text.db" --out "$tmp/x"
printf 'not numpy' > "$tmp/bad.npy"
expect_err "bad magic" report --weights "$tmp/bad.npy" --out "$tmp/x"

# --vs PARAM: one line per combination of the other varying parameters of
# config_key (device, g1, vp / lr), seed means (chen15 g1=1e-4 levels 8:
# acc (0.5 + 0.6) / 2, energy (2 + 4) / 2), failed rows, rows without PARAM
# and text in its column (with a warning) left out, the best ideal
# configuration (lr=0.02, 0.85) as the baseline.
sqlite3 "$tmp/v.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL,
  levels INTEGER, levels_rounding TEXT, d2d REAL);
INSERT INTO runs VALUES
 ('p1', 'workload=stdp device=chen15 g1=0.0001 levels=8 vp=1.3', 'levels=8', 'stdp', 'chen15', 1e-4, 1, 'done', 0.50, 2.0, 8, 'nearest', NULL),
 ('p2', 'workload=stdp device=chen15 g1=0.0001 levels=8 vp=1.3', 'levels=8', 'stdp', 'chen15', 1e-4, 2, 'done', 0.60, 4.0, 8, 'nearest', NULL),
 ('p3', 'workload=stdp device=chen15 g1=0.0001 levels=256 vp=1.3', 'levels=256', 'stdp', 'chen15', 1e-4, 1, 'done', 0.70, 3.0, 256, 'nearest', NULL),
 ('p4', 'workload=stdp device=chen15 g1=0.0001 levels=32 vp=1.3', 'levels=32', 'stdp', 'chen15', 1e-4, 1, 'done', 0.65, 3.0, 32, 'nearest', NULL),
 ('p5', 'workload=stdp device=chen15 g1=1e-05 levels=8 vp=1.3', 'levels=8', 'stdp', 'chen15', 1e-5, 1, 'done', 0.40, 0.5, 8, 'nearest', NULL),
 ('p6', 'workload=stdp device=chen15 g1=1e-05 levels=256 vp=1.3', 'levels=256', 'stdp', 'chen15', 1e-5, 1, 'done', 0.45, 0.6, 256, 'nearest', NULL),
 ('p7', 'workload=stdp device=vteam g1=0.0001 levels=8 lr=0.01', 'levels=8', 'stdp', 'vteam', 1e-4, 1, 'done', 0.55, 1.0, 8, 'nearest', NULL),
 ('p8', 'workload=stdp device=vteam g1=0.0001 levels=256 lr=0.01', 'levels=256', 'stdp', 'vteam', 1e-4, 1, 'done', 0.58, 1.5, 256, 'nearest', NULL),
 ('p9', 'workload=stdp device=vteam g1=0.0001 levels=64 lr=0.01', 'levels=64', 'stdp', 'vteam', 1e-4, 1, 'failed', 0.99, 1.5, 64, 'nearest', NULL),
 ('p10', 'workload=stdp device=vteam g1=0.0001 levels=64 lr=0.01', 'levels=64', 'stdp', 'vteam', 1e-4, 2, 'done', 0.99, 1.5, 'many', 'nearest', NULL),
 ('i1', 'workload=stdp device=ideal lr=0.01', 'lr=0.01', 'stdp', 'ideal', NULL, 1, 'done', 0.80, 0, NULL, NULL, NULL),
 ('i2', 'workload=stdp device=ideal lr=0.02', 'lr=0.02', 'stdp', 'ideal', NULL, 1, 'done', 0.85, 0, NULL, NULL, NULL);
SQL
"$msl" report --db "$tmp/v.db" --vs levels --out "$tmp/v" > "$tmp/v.txt" 2> "$tmp/v.err" || bad "--vs levels: $(cat "$tmp/v.err")"
cat "$tmp/v.txt"
[ "$(tr '\n' ';' < "$tmp/v/vs_levels.csv")" = "workload,line,levels,test_accuracy,energy_per_image_nj,seeds;\
stdp,chen15 g1=1e-05 vp=1.3,8,0.4000,0.5,1;stdp,chen15 g1=1e-05 vp=1.3,256,0.4500,0.6,1;\
stdp,chen15 g1=0.0001 vp=1.3,8,0.5500,3,2;stdp,chen15 g1=0.0001 vp=1.3,32,0.6500,3,1;\
stdp,chen15 g1=0.0001 vp=1.3,256,0.7000,3,1;stdp,vteam g1=0.0001 lr=0.01,8,0.5500,1,1;\
stdp,vteam g1=0.0001 lr=0.01,256,0.5800,1.5,1;stdp,ideal baseline lr=0.02,,0.8500,0,1;" ] \
  && ok || bad "vs_levels.csv: $(cat "$tmp/v/vs_levels.csv")"
grep -qE '^stdp +chen15 g1=0\.0001 vp=1\.3 +32 +0\.6500 +3 +1$' "$tmp/v.txt" && ok || bad "--vs aligned table"
grep -q "1 finished row with a non-numeric levels, left out" "$tmp/v.err" && ok || bad "--vs: junk warning: $(cat "$tmp/v.err")"
grep -q '^| stdp | chen15 g1=0.0001 vp=1.3 | 8 | 0.5500 | 3 | 2 |$' "$tmp/v/vs_levels.md" && ok || bad "vs_levels.md"
for p in accuracy energy; do figure_ok "$tmp/v/stdp_${p}_vs_levels"; done
gp="$tmp/v/stdp_vs_levels.gp"
grep -q "^set logscale x$" "$gp" && grep -q "^set xrange \[6.4:320\]$" "$gp" && ok || bad "levels 8..256: log x axis"
grep -q "0.85 with lines" "$gp" && ok || bad "--vs: baseline line"
[ "$(grep -c '^# ' "$tmp/v/stdp_vs_levels.dat")" -eq 3 ] && ok || bad "--vs: three lines in the data"
# d2d is a column but no finished row has it; levels_rounding is text. The
# list names the varying parameters with a numeric column (lr, vp have none).
expect_exit 2 "vs d2d: no finished row has it in .*(the parameters that vary among its finished rows: g1, levels)" \
  report --db "$tmp/v.db" --vs d2d --out "$tmp/x"
expect_exit 2 "vs levels-rounding: not a number in any finished row" report --db "$tmp/v.db" --vs levels-rounding --out "$tmp/x"
expect_exit 2 "vs bogus: not a column of table runs .*levels" report --db "$tmp/v.db" --vs bogus --out "$tmp/x"
expect_exit 2 "'a;b' is not a parameter name" report --db "$tmp/v.db" --vs 'a;b' --out "$tmp/x"
expect_exit 2 "vs needs --db" report --vs c2c --out "$tmp/x"
# An option at its off value counts as not given: the c2c sweep's "--c2c 0"
# point is the origin of the d2d line; its "--c2c 0.1" point (d2d off, no
# d2d line of its own) is left out.
sqlite3 "$tmp/o.db" <<'SQL'
CREATE TABLE runs (point_key TEXT PRIMARY KEY, config_key TEXT, params TEXT, workload TEXT,
  device TEXT, g1 REAL, seed INTEGER, status TEXT, test_accuracy REAL, energy_per_image_nj REAL,
  c2c REAL, d2d REAL);
INSERT INTO runs VALUES
 ('a', 'workload=stdp c2c=0 device=chen15 g1=0.0001', 'c2c=0', 'stdp', 'chen15', 1e-4, 1, 'done', 0.64, 1.1, 0, 0),
 ('b', 'workload=stdp c2c=0.1 device=chen15 g1=0.0001', 'c2c=0.1', 'stdp', 'chen15', 1e-4, 1, 'done', 0.65, 1.2, 0.1, 0),
 ('c', 'workload=stdp d2d=0.5 device=chen15 g1=0.0001', 'd2d=0.5', 'stdp', 'chen15', 1e-4, 1, 'done', 0.62, 1.3, 0, 0.5);
SQL
"$msl" report --db "$tmp/o.db" --vs d2d --out "$tmp/o" --no-plots > /dev/null 2> "$tmp/o.err" || bad "--vs d2d: $(cat "$tmp/o.err")"
[ "$(tail -n +2 "$tmp/o/vs_d2d.csv" | tr '\n' ';')" = "stdp,chen15,0,0.6400,1.1,1;stdp,chen15,0.5,0.6200,1.3,1;" ] && ok ||
  bad "off values as not given: $(cat "$tmp/o/vs_d2d.csv")"

data=${MSL_DATA:-$HOME/.local/share/msl/mnist}
if [ -f "$data/train-images-idx3-ubyte" ]; then
  "$msl" stdp --neurons 9 --train 100 --test 20 --label-window 50 --quiet --save-weights "$tmp/w.npy" > /dev/null \
    || bad "stdp --save-weights"
  "$msl" report --weights "$tmp/w.npy" --out "$tmp/f" 2> "$tmp/f.err" || bad "fields: $(cat "$tmp/f.err")"
  [ -s "$tmp/f/w_fields.png" ] && [ "$(head -c 4 "$tmp/f/w_fields.png" | tail -c 3)" = PNG ] && ok || bad "fields png"
  # --vs c2c on a tiny sweep (c2c 0 and 0.1, the ideal baseline): one line,
  # x sorted, the DB's accuracy and energy (one seed), a linear axis (0 in it).
  "$msl" sweep --workload stdp --device chen15,ideal --g1 1e-4 --vp 1.3 --neurons 10 --train 30 \
    --test 10 --c2c 0,0.1 -j 2 --quiet --db "$tmp/c.db" 2> "$tmp/c.err" || bad "c2c sweep: $(cat "$tmp/c.err")"
  "$msl" report --db "$tmp/c.db" --vs c2c --out "$tmp/c" > "$tmp/c.txt" 2> "$tmp/c.err" || bad "--vs c2c: $(cat "$tmp/c.err")"
  want=$(sqlite3 -separator , "$tmp/c.db" "select workload, case device when 'ideal' then 'ideal baseline'
    else device end, iif(c2c IS NULL, '', printf('%g', c2c)), printf('%.4f', test_accuracy),
    printf('%.4g', energy_per_image_nj), 1 from runs order by device = 'ideal', c2c")
  [ "$(tail -n +2 "$tmp/c/vs_c2c.csv")" = "$want" ] && ok || bad "vs_c2c.csv: $(cat "$tmp/c/vs_c2c.csv") (want $want)"
  [ "$(wc -l < "$tmp/c.txt")" -eq 4 ] && grep -qE '^stdp +chen15 +0\.1 ' "$tmp/c.txt" && ok || bad "--vs c2c table: $(cat "$tmp/c.txt")"
  if command -v gnuplot > /dev/null; then
    for p in accuracy energy; do figure_ok "$tmp/c/stdp_${p}_vs_c2c"; done
    ! grep -q "logscale x" "$tmp/c/stdp_vs_c2c.gp" && ok || bad "c2c from 0: linear x axis"
  fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
