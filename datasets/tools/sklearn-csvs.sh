#!/bin/sh
# Rebuilds iris.csv, wine.csv, breast-cancer.csv and digits.csv from the data files that
# scikit-learn ships in sklearn/datasets/data/, taken from Debian's python3-sklearn package.
#
#   apt-get download python3-sklearn            # gives python3-sklearn_1.2.1+dfsg-1_all.deb
#   sh datasets/tools/sklearn-csvs.sh python3-sklearn_1.2.1+dfsg-1_all.deb datasets
#
# Conversion: values are copied character for character (no re-formatting of numbers);
# sklearn's first line "n_samples,n_features,class names..." is replaced by a header of feature
# names (sklearn's own names, snake_cased) and the integer class code in the last column is
# replaced by the class name sklearn gives for it. Row and column counts are checked against
# that first line; digits.csv.gz has no such line and is checked against 1797 x (64 + 1).
set -eu

deb=$1
out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work"
src=$(find "$work" -type d -path '*/sklearn/datasets/data' | head -n 1)
[ -n "$src" ] || { echo "no sklearn/datasets/data in $deb" >&2; exit 1; }

# relabel HEADER SOURCE TARGET: sklearn layout -> named header, class name in the last column.
relabel() {
  awk -F, -v OFS=, -v header="$1" -v file="$2" '
    NR == 1 {
      rows = $1; features = $2
      for (i = 3; i <= NF; i++) name[i - 3] = $i
      if (split(header, h, ",") != features + 1) { print file ": header has wrong width" > "/dev/stderr"; exit 1 }
      print header
      next
    }
    {
      if (NF != features + 1) { print file ":" NR ": expected " features + 1 " fields, got " NF > "/dev/stderr"; exit 1 }
      if (!($NF in name)) { print file ":" NR ": unknown class code " $NF > "/dev/stderr"; exit 1 }
      $NF = name[$NF]
      print
    }
    END { if (NR - 1 != rows) { print file ": expected " rows " rows, got " NR - 1 > "/dev/stderr"; exit 1 } }
  ' "$2" > "$3"
}

relabel "sepal_length,sepal_width,petal_length,petal_width,species" \
  "$src/iris.csv" "$out/iris.csv"

relabel "alcohol,malic_acid,ash,alcalinity_of_ash,magnesium,total_phenols,flavanoids,nonflavanoid_phenols,proanthocyanins,color_intensity,hue,od280_od315_of_diluted_wines,proline,class" \
  "$src/wine_data.csv" "$out/wine.csv"

cancer_header=""
for kind in mean error worst; do
  for f in radius texture perimeter area smoothness compactness concavity concave_points symmetry fractal_dimension; do
    case $kind in
      error) cancer_header="$cancer_header${f}_error," ;;
      *) cancer_header="$cancer_header${kind}_$f," ;;
    esac
  done
done
relabel "${cancer_header}diagnosis" "$src/breast_cancer.csv" "$out/breast-cancer.csv"

# digits: 64 pixel counts (0..16) of an 8x8 image in row-major order, then the digit 0..9.
{
  awk 'BEGIN { for (r = 0; r < 8; r++) for (c = 0; c < 8; c++) printf "pixel_%d_%d,", r, c; print "digit" }'
  gzip -dc "$src/digits.csv.gz"
} | awk -F, 'NR > 1 && (NF != 65 || $65 !~ /^[0-9]$/) { print "digits.csv.gz:" NR - 1 ": bad row" > "/dev/stderr"; exit 1 }
             { print } END { if (NR != 1798) { print "digits: expected 1797 rows, got " NR - 1 > "/dev/stderr"; exit 1 } }' \
  > "$out/digits.csv"
