package org.dlkit.train;

import org.dlkit.error.DlkitException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-epoch record of a run, oldest first; written as {@code history.csv} and kept in every checkpoint. */
public final class History {

    /** The CSV header of {@link #toCsv()}. */
    public static final String CSV_HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy";

    private final List<EpochRecord> epochs = new ArrayList<>();

    /** Appends the record of the epoch that just finished. */
    public void add(EpochRecord record) {
        epochs.add(record);
    }

    /** Every epoch so far, oldest first. */
    public List<EpochRecord> epochs() {
        return List.copyOf(epochs);
    }

    public int size() {
        return epochs.size();
    }

    /** The last epoch's record, or null before the first epoch ends. */
    public EpochRecord last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** The record of 1-based {@code epoch}. */
    public EpochRecord epoch(int epoch) {
        return epochs.stream().filter(r -> r.epoch() == epoch).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no epoch " + epoch + " in the history"));
    }

    /** One line per epoch under {@link #CSV_HEADER}; numbers round-trip exactly (shortest repr of the double). */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochRecord r : epochs) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s%n", r.epoch(), r.trainLoss(), r.trainAccuracy(),
                    r.valLoss(), r.valAccuracy()));
        }
        return csv.toString();
    }

    /** {@link #toCsv()}: printing a history shows its numbers, one epoch per line. */
    @Override
    public String toString() {
        return toCsv();
    }

    /** Parses {@link #toCsv()}'s format. */
    public static History fromCsv(String csv, Path source) {
        History history = new History();
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].strip().equals(CSV_HEADER)) {
            throw new DlkitException(source + ": not a dlkit history (expected the header " + CSV_HEADER + ")");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].strip().split(",");
            try {
                history.add(new EpochRecord(Integer.parseInt(cells[0]), Double.parseDouble(cells[1]),
                        Double.parseDouble(cells[2]), Double.parseDouble(cells[3]), Double.parseDouble(cells[4])));
            } catch (RuntimeException e) {
                throw new DlkitException(source + ", line " + (i + 1) + ": expected 5 numbers, found '" + lines[i] + "'");
            }
        }
        return history;
    }

    /** Reads a {@code history.csv}. */
    public static History read(Path file) {
        try {
            return fromCsv(Files.readString(file), file);
        } catch (IOException e) {
            throw new DlkitException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
