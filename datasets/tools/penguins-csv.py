#!/usr/bin/env python3
"""Writes datasets/penguins.csv from vega-datasets' data/penguins.json, as it comes: null -> empty cell, every
other value unchanged (including the one Sex of '.'). Usage: python3 penguins-csv.py penguins.json penguins.csv"""
import csv
import json
import sys

rows = json.load(open(sys.argv[1], encoding="utf-8"))
columns = list(rows[0].keys())
with open(sys.argv[2], "w", newline="", encoding="utf-8") as out:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r[c] for c in columns])
