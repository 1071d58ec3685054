#!/usr/bin/env bash
# bias_figure.sh DB OUTDIR: the bias schemes' table and figure from
# experiments/bias.sh's database: per device point and scheme, accuracy,
# energy of the selected and of the half-selected cells per image, the net
# disturb drift; bias.csv and bias_energy.png (selected and half-selected
# energy side by side, log scale) in OUTDIR.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,6p' "$0" >&2; exit 2; }
db=$1; out=$2; mkdir -p "$out"
csv=$out/bias.csv
sqlite3 -csv -header "$db" "
  SELECT workload || ' ' || device || ' ' || g1 AS point, bias, seed, test_accuracy AS accuracy,
         energy_selected_per_image_nj AS e_selected_nj,
         energy_half_selected_per_image_nj AS e_half_nj,
         half_selected_pulses_per_image AS half_pulses, disturb_dw_per_image AS drift_dw
  FROM runs WHERE status = 'done'
  ORDER BY workload DESC, device, g1 DESC,
           CASE bias WHEN 'ideal' THEN 0 WHEN 'v2' THEN 1 ELSE 2 END, seed" > "$csv"
column -s, -t < "$csv"
gnuplot <<GP
set terminal pngcairo size 900,480 font ",10"
set output "$out/bias_energy.png"
set datafile separator ","
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.7
set logscale y
set yrange [0.01:*]
set ylabel "programming energy per training image, nJ"
set title "Energy of selected and half-selected cells under the bias schemes"
set xtics rotate by -30 noenhanced
set key top left
plot "$csv" every ::1 using 5:xtic(sprintf("%s %s s%s", strcol(1), strcol(2), strcol(3))) title "selected cells", \
     "" every ::1 using (\$6 > 0 ? \$6 : NaN) title "half-selected cells"
GP
echo "bias_figure: $csv, $out/bias_energy.png" >&2
