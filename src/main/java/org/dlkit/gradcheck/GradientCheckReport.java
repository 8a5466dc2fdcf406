package org.dlkit.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of a three-way {@link GradientCheck}: for every parameter block the largest relative error of autodiff
 * vs DL4J, autodiff vs finite differences and DL4J vs finite differences, the worst entries, and pass/fail; plus
 * the objective (mean loss + penalties) as computed by the autodiff forward pass and by DL4J's {@code score()}.
 * {@link #toString()} is the report table.
 *
 * <p>Two numbers agree when their relative error |a − b| / (|a| + |b|) is within the tolerance or their absolute
 * difference is below the floor (0 vs 1e-18 agree, whatever their relative error).
 */
public final class GradientCheckReport {

    /** One gradient entry; {@code finiteDifference} is NaN where it was not computed. */
    public record Entry(String key, int index, String position, double autodiff, double dl4j,
                        double finiteDifference) {
    }

    /**
     * One comparison over a block: the largest relative error among entries of magnitude at least floor / maxRel
     * (for those, relative error and the absolute floor judge alike), the largest absolute difference over all
     * entries, and whether every entry agreed.
     */
    public record Comparison(double maxRelError, double maxAbsError, boolean passed) {
    }

    /**
     * One parameter block (e.g. {@code 0_W}) and its three comparisons; {@code atKink} counts the finite differences
     * left out of the verdict because θ ± ε straddles a kink (they measure no derivative there).
     */
    public record Block(String key, int size, int finiteDifferences, int atKink, Comparison autodiffVsDl4j,
                        Comparison autodiffVsFiniteDifference, Comparison dl4jVsFiniteDifference, List<Entry> worst) {
        public boolean passed() {
            return autodiffVsDl4j.passed() && autodiffVsFiniteDifference.passed() && dl4jVsFiniteDifference.passed();
        }
    }

    /** Whether the central difference of a parameter entry straddles a kink (a sign change between θ − ε and θ + ε). */
    @FunctionalInterface
    interface KinkProbe {
        boolean atKink(String key, int index);
    }

    /** Accumulates one comparison entry by entry. */
    private static final class Tally {
        private final double maxRel;
        private final double floor;
        private double rel;
        private double abs;
        private boolean passed = true;

        Tally(double maxRel, double floor) {
            this.maxRel = maxRel;
            this.floor = floor;
        }

        /** Whether a pair agrees, without adding it. */
        boolean agrees(double a, double b) {
            double diff = Math.abs(a - b);
            return diff < floor || diff <= maxRel * (Math.abs(a) + Math.abs(b));
        }

        /** Adds a pair; returns its error in units of the tolerance (> 1: the pair disagrees). */
        double add(double a, double b) {
            double diff = Math.abs(a - b);
            if (Double.isNaN(diff)) {
                passed = false;
                rel = abs = Double.POSITIVE_INFINITY;
                return Double.POSITIVE_INFINITY;
            }
            double r = diff == 0 ? 0 : diff / (Math.abs(a) + Math.abs(b));
            if (Math.max(Math.abs(a), Math.abs(b)) >= floor / maxRel) {
                rel = Math.max(rel, r);
            }
            abs = Math.max(abs, diff);
            boolean agree = r <= maxRel || diff < floor;
            passed &= agree;
            return agree ? 0 : r / maxRel;
        }

        Comparison result() {
            return new Comparison(rel, abs, passed);
        }
    }

    /**
     * How many units of u·|f|/ε (u = 2.2e-16, machine epsilon) a central difference of an objective f may be off
     * from rounding alone: f(θ ± ε) are each computed with an error of a few u·|f| (a forward pass sums many
     * rounded terms), and their difference is divided by 2ε. Measured: up to about 2 units on consistent networks
     * with objectives from 60 to 9,000.
     */
    static final double ROUNDING_UNITS = 8;

    /**
     * How many units of u times a block's largest gradient entry two analytic gradients in double precision may
     * differ by from rounding alone: backprop sums many products, and with large activations (raw features of
     * magnitude 1,000) an entry formed by cancellation carries the rounding of its largest terms. Measured: up to 26
     * units on consistent networks; a real backward bug is off by a share of the entry itself (1e-3 and more).
     */
    static final double ANALYTIC_ROUNDING_UNITS = 64;

    private final String network;
    private final int minibatch;
    /**
     * DL4J's rounding in its loss on this batch (XENT near σ = 0 or 1) when the objectives needed it to agree; 0 when
     * they agree within the analytic tolerance alone.
     */
    private final double objectiveRounding;
    /** Blocks where DL4J's gradient has a NaN or infinite entry. */
    private final List<String> nonFiniteDl4j;
    /** Finite differences whose entry is below the rounding floor: there only autodiff vs DL4J judges. */
    private final int belowRounding;
    private final boolean meanOverBatch;
    private final Kinks.Distance closestKink;
    private final List<Entry> kinkEntries;
    private final double autodiffObjective;
    private final double dl4jScore;
    private final boolean objectivesAgree;
    private final List<Block> blocks;
    private final List<String> notes;
    private final GradientCheckOptions options;

    private GradientCheckReport(String network, int minibatch, boolean meanOverBatch, double autodiffObjective,
                                double dl4jScore, boolean objectivesAgree, List<Block> blocks,
                                Kinks.Distance closestKink, List<Entry> kinkEntries, List<String> notes,
                                GradientCheckOptions options, double objectiveRounding, List<String> nonFiniteDl4j,
                                int belowRounding) {
        this.belowRounding = belowRounding;
        this.nonFiniteDl4j = List.copyOf(nonFiniteDl4j);
        this.objectiveRounding = objectiveRounding;
        this.meanOverBatch = meanOverBatch;
        this.closestKink = closestKink;
        this.kinkEntries = List.copyOf(kinkEntries);
        this.notes = List.copyOf(notes);
        this.network = network;
        this.minibatch = minibatch;
        this.autodiffObjective = autodiffObjective;
        this.dl4jScore = dl4jScore;
        this.objectivesAgree = objectivesAgree;
        this.blocks = List.copyOf(blocks);
        this.options = options;
    }

    /**
     * Compares the three gradients entry by entry.
     *
     * @param finiteDifferences per key, NaN where no finite difference was taken
     * @param rowsOfKey         per key, the rows of the parameter matrix (nIn for W, 1 for b), for positions
     * @param objectiveRounding how far DL4J's score may be off the exact objective from rounding in its loss
     *                          formula (XENT near σ = 0 or 1); the objectives agree within it, or within the
     *                          analytic tolerance
     */
    static GradientCheckReport compare(String network, int minibatch, boolean meanOverBatch, NetworkGradient autodiff,
                                       NetworkGradient dl4j, Map<String, double[]> finiteDifferences,
                                       Map<String, Integer> rowsOfKey, Kinks.Distance closestKink,
                                       KinkProbe kinks, List<String> notes, GradientCheckOptions o,
                                       double objectiveRounding) {
        List<Block> blocks = new ArrayList<>();
        List<Entry> kinkEntries = new ArrayList<>();
        List<String> nonFiniteDl4j = new ArrayList<>();
        int belowRounding = 0;
        double fdFloor = finiteDifferenceFloor(o, Math.max(Math.abs(autodiff.objective()), Math.abs(dl4j.objective())));
        for (String key : dl4j.keys()) {
            double[] a = autodiff.blockView(key), d = dl4j.blockView(key), f = finiteDifferences.get(key);
            Tally adDl4j = new Tally(o.analyticMaxRelError(), Math.max(o.analyticMinAbsError(),
                    ANALYTIC_ROUNDING_UNITS * Math.ulp(1.0) * largest(a, d)));
            Tally adFd = new Tally(o.maxRelError(), fdFloor), dl4jFd = new Tally(o.maxRelError(), fdFloor);
            int fdCount = 0, atKink = 0;
            double[] badness = new double[a.length];
            List<Entry> entries = new ArrayList<>();
            if (Arrays.stream(d).anyMatch(v -> !Double.isFinite(v))) {
                nonFiniteDl4j.add(key);
            }
            for (int i = 0; i < a.length; i++) {
                badness[i] = adDl4j.add(a[i], d[i]);
                Entry entry = new Entry(key, i, position(key, i, rowsOfKey.get(key)), a[i], d[i], f[i]);
                if (!Double.isNaN(f[i])) {
                    fdCount++;
                    if (fdFloor > o.minAbsError() && Math.max(Math.abs(a[i]), Math.abs(f[i])) < fdFloor) {
                        belowRounding++;
                    }
                    boolean disagree = !adFd.agrees(a[i], f[i]) || !dl4jFd.agrees(d[i], f[i]);
                    if (disagree && kinks.atKink(key, i)) {
                        atKink++;
                        kinkEntries.add(entry);
                    } else {
                        badness[i] = Math.max(badness[i], Math.max(adFd.add(a[i], f[i]), dl4jFd.add(d[i], f[i])));
                    }
                }
                entries.add(entry);
            }
            List<Entry> worst = entries.stream()
                    .filter(e -> badness[e.index()] > 1)
                    .sorted(Comparator.comparingDouble((Entry e) -> -badness[e.index()]))
                    .limit(o.worstEntries()).toList();
            blocks.add(new Block(key, a.length, fdCount, atKink, adDl4j.result(), adFd.result(), dl4jFd.result(),
                    worst));
        }
        boolean exact = new Tally(o.analyticMaxRelError(), o.analyticMinAbsError())
                .add(autodiff.objective(), dl4j.objective()) == 0;
        boolean agree = exact || Math.abs(autodiff.objective() - dl4j.objective()) <= objectiveRounding;
        return new GradientCheckReport(network, minibatch, meanOverBatch, autodiff.objective(), dl4j.objective(), agree,
                blocks, closestKink, kinkEntries, notes, o, exact ? 0 : objectiveRounding, nonFiniteDl4j,
                belowRounding);
    }

    /**
     * The absolute floor of the comparisons against finite differences: the options' floor, or the rounding noise
     * of a central difference of an objective of size |f|, {@value #ROUNDING_UNITS}·u·|f|/ε, whichever is larger.
     * Below it a finite difference measures rounding, not a derivative: with |f| = 3,000 and ε = 1e-6 a gradient
     * entry of 6e-8 moves f by less than one unit in its last place, and the central difference reads 0. The
     * options' floor (1e-8) governs up to |f| ≈ 5.7.
     */
    static double finiteDifferenceFloor(GradientCheckOptions o, double objective) {
        double rounding = ROUNDING_UNITS * Math.ulp(1.0) * objective / o.epsilon();
        return Double.isFinite(rounding) ? Math.max(o.minAbsError(), rounding) : o.minAbsError();
    }

    /** The largest finite |entry| of two gradient blocks. */
    private static double largest(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double x = Double.isFinite(a[i]) ? Math.abs(a[i]) : 0, y = Double.isFinite(b[i]) ? Math.abs(b[i]) : 0;
            m = Math.max(m, Math.max(x, y));
        }
        return m;
    }

    /** "[i, j]" of W [nIn × nOut] stored column-major, "[j]" of a bias. */
    private static String position(String key, int flat, int rows) {
        return key.endsWith("_W") ? "[" + flat % rows + "," + flat / rows + "]" : "[" + flat + "]";
    }

    /** Every block passes all three comparisons and the two forward passes give the same objective. */
    public boolean passed() {
        return objectivesAgree && blocks.stream().allMatch(Block::passed);
    }

    public List<Block> blocks() {
        return blocks;
    }

    public Block block(String key) {
        return blocks.stream().filter(b -> b.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter block " + key));
    }

    /** Keys of the blocks that failed any comparison, in layer order. */
    public List<String> failedBlocks() {
        return blocks.stream().filter(b -> !b.passed()).map(Block::key).toList();
    }

    /** Whether the autodiff forward pass and DL4J's {@code score()} give the same objective at θ. */
    public boolean objectivesAgree() {
        return objectivesAgree;
    }

    /**
     * The absolute floor the finite-difference comparisons used: the options' floor, raised to the rounding noise
     * of the central differences when the objective is large (see {@link #finiteDifferenceFloor}).
     */
    public double finiteDifferenceFloor() {
        return finiteDifferenceFloor(options, Math.max(Math.abs(autodiffObjective), Math.abs(dl4jScore)));
    }

    /**
     * How many finite differences were of entries below {@link #finiteDifferenceFloor()} when it is raised by
     * rounding: central differences cannot resolve them, so only autodiff vs DL4J judges those entries.
     */
    public int belowRoundingFloor() {
        return belowRounding;
    }

    /** Whether the objective is the mean loss over the mini-batch (DL4J's default) or the sum (miniBatch(false)). */
    public boolean meanOverBatch() {
        return meanOverBatch;
    }

    /**
     * The smallest distance of a ReLU-family pre-activation (or an L1 residual) to its kink at 0 on the checked batch;
     * infinity when the network has no kink.
     */
    public double kinkDistance() {
        return closestKink == null ? Double.POSITIVE_INFINITY : closestKink.distance();
    }

    /** Finite differences left out of the verdict because they straddle a kink, in layer order. */
    public List<Entry> kinkEntries() {
        return kinkEntries;
    }

    /** The objective (mean or summed loss + penalties) from the autodiff forward pass. */
    public double autodiffObjective() {
        return autodiffObjective;
    }

    /** DL4J's {@code score()} on the checked copy. */
    public double dl4jScore() {
        return dl4jScore;
    }

    /** DL4J settings and quirks that shaped the comparison (clipping turned off, float32 α, ...). */
    public List<String> notes() {
        return notes;
    }

    public GradientCheckOptions options() {
        return options;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        int params = blocks.stream().mapToInt(Block::size).sum();
        int fd = blocks.stream().mapToInt(Block::finiteDifferences).sum();
        double fdFloor = finiteDifferenceFloor();
        s.append(String.format(Locale.ROOT, "Gradient check of %s: %d parameters, mini-batch %d, %d finite differences%n",
                network, params, minibatch, fd));
        s.append(String.format(Locale.ROOT, "objective (%s loss + penalties): autodiff %.12g, DL4J %.12g  %s%n",
                meanOverBatch ? "mean" : "summed", autodiffObjective, dl4jScore, objectivesAgree ? agreement()
                        : "DIFFER: the autodiff forward pass computes another function than DL4J's"));
        s.append(String.format(Locale.ROOT, "%-8s %7s %7s  %-21s %-21s %-21s %s%n", "block", "size", "FD",
                "autodiff~DL4J", "autodiff~FD", "DL4J~FD", "result"));
        s.append(String.format(Locale.ROOT, "%-8s %7s %7s  %-21s %-21s %-21s%n", "", "", "", "rel      abs",
                "rel      abs", "rel      abs"));
        for (Block b : blocks) {
            boolean hasFd = b.finiteDifferences() > 0;
            s.append(String.format(Locale.ROOT, "%-8s %7d %7d  %-21s %-21s %-21s %s%n", b.key(), b.size(),
                    b.finiteDifferences(), cell(b.autodiffVsDl4j()), hasFd ? cell(b.autodiffVsFiniteDifference()) : "-",
                    hasFd ? cell(b.dl4jVsFiniteDifference()) : "-", b.passed() ? "PASS" : "FAIL"));
        }
        List<Entry> worst = blocks.stream().flatMap(b -> b.worst().stream()).toList();
        if (!worst.isEmpty()) {
            s.append("worst entries:").append(System.lineSeparator());
            for (Entry e : worst) {
                s.append(String.format(Locale.ROOT, "  %-14s autodiff %+.10e  DL4J %+.10e  FD %s%n",
                        e.key() + e.position(), e.autodiff(), e.dl4j(),
                        Double.isNaN(e.finiteDifference()) ? "-" : String.format(Locale.ROOT, "%+.10e",
                                e.finiteDifference())));
            }
        }
        s.append(String.format(Locale.ROOT, "rel: max |a-b|/(|a|+|b|) over entries with max(|a|,|b|) >= floor/tolerance;"
                        + " abs: max |a-b|. Pass: autodiff~DL4J rel <= %.0e (floor %.0e, or %.0f·u·the block's"
                        + " largest entry); vs FD rel <= %.0e"
                        + " (floor %s), central differences of %s, eps %.0e%n",
                options.analyticMaxRelError(), options.analyticMinAbsError(), ANALYTIC_ROUNDING_UNITS,
                options.maxRelError(), fdFloor > options.minAbsError() ? String.format(Locale.ROOT, "%.1e: the rounding noise"
                        + " %.0f·u·|objective|/eps, above %.0e", fdFloor, ROUNDING_UNITS,
                        options.minAbsError()) : String.format(Locale.ROOT, "%.0e", options.minAbsError()),
                options.finiteDifferenceSource() == FiniteDifferenceSource.DL4J_SCORE
                        ? "DL4J's score" : "the autodiff forward pass", options.epsilon()));
        if (belowRounding > 0) {
            s.append(String.format(Locale.ROOT, "rounding: %d of %d finite differences are of entries below %.1e,"
                    + " which central differences of this objective cannot resolve at eps %.0e: there only autodiff vs"
                    + " DL4J judges%n", belowRounding, fd, fdFloor, options.epsilon()));
        }
        if (closestKink != null) {
            s.append(String.format(Locale.ROOT, "closest kink: |z| = %.1e at the %s (a central difference moves it by"
                    + " about eps·|input|)%n", closestKink.distance(), closestKink.where()));
        }
        if (!kinkEntries.isEmpty()) {
            s.append(String.format(Locale.ROOT, "at a kink: %d finite difference(s) straddle a kink between θ−eps and"
                            + " θ+eps (%s%s) and measure no derivative there: left out of the verdict; autodiff and"
                            + " DL4J are still compared at every entry%n", kinkEntries.size(),
                    String.join(", ", kinkEntries.stream().limit(5).map(e -> e.key() + e.position()).toList()),
                    kinkEntries.size() > 5 ? ", ..." : ""));
        }
        for (String note : notes) {
            s.append("note: ").append(note).append(System.lineSeparator());
        }
        s.append(passed() ? "PASSED" : "FAILED: " + failureReason());
        return s.toString();
    }

    /** "agree", and when DL4J's loss rounding was needed for it, how much and why. */
    private String agreement() {
        return objectiveRounding == 0 ? "agree" : String.format(Locale.ROOT, "agree within DL4J's XENT rounding (%.1e: DL4J takes"
                + " ln(1 - p) of outputs p = σ(z) near 1, which loses digits; the engine's fused form does not)",
                objectiveRounding);
    }

    /** Why the check failed, in one phrase: the objectives differ and/or the blocks that failed; empty if passed. */
    public String failureReason() {
        List<String> parts = new ArrayList<>();
        if (!objectivesAgree) {
            parts.add("objectives differ");
        }
        if (!failedBlocks().isEmpty()) {
            parts.add(String.join(", ", failedBlocks()));
        }
        if (!nonFiniteDl4j.isEmpty()) {
            parts.add("DL4J's gradient is NaN or infinite in " + String.join(", ", nonFiniteDl4j) + " while its score is"
                    + " finite: its backprop overflows on this batch (standardised features avoid it)");
        }
        return String.join("; ", parts);
    }

    private static String cell(Comparison c) {
        return String.format(Locale.ROOT, "%.1e  %.1e%s", c.maxRelError(), c.maxAbsError(), c.passed() ? "" : " !");
    }
}
