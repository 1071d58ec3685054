# stdp: best test accuracy and energy per image against G1 (msl report)
set grid
set key bottom right
set samples 2
set xlabel 'G_1 (S)'
set format x '%.0e'
set logscale x
set mxtics 10
set xrange [6.15392e-08:2.5e-05]
set title 'stdp: best test accuracy over the swept parameters'
set ylabel 'test accuracy'
set yrange [0:1]
set terminal pngcairo size 800,560 font ',11'
set output 'report/stdp_accuracy.png'
plot 'report/stdp_best.dat' index 0 using 1:2 with linespoints lw 2 pt 7 title 'curve' noenhanced
set terminal svg size 800,560 font ',11'
set output 'report/stdp_accuracy.svg'
plot 'report/stdp_best.dat' index 0 using 1:2 with linespoints lw 2 pt 7 title 'curve' noenhanced
unset output
set title 'stdp: programming energy per training image at the best point'
set ylabel 'energy per image (nJ)'
set autoscale y
set logscale y
set format y '%.0e'
set terminal pngcairo size 800,560 font ',11'
set output 'report/stdp_energy.png'
plot 'report/stdp_best.dat' index 0 using 1:3 with linespoints lw 2 pt 7 title 'curve' noenhanced
set terminal svg size 800,560 font ',11'
set output 'report/stdp_energy.svg'
plot 'report/stdp_best.dat' index 0 using 1:3 with linespoints lw 2 pt 7 title 'curve' noenhanced
unset output
