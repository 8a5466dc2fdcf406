package org.dlkit.supervise;

import org.dlkit.eval.EvaluationReport;
import org.dlkit.model.ModelInfo;
import org.dlkit.train.TrainingResult;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run as one self-contained HTML page: the charts inlined as base64 PNGs, no script, stylesheet or font from the
 * network, so it opens anywhere offline.
 */
public final class TrainingReport {

    /** A PNG to inline, with its caption. */
    public record Figure(String caption, byte[] png) { }

    private TrainingReport() {
    }

    /** The page for a run of {@code info}'s model: settings, how training ended, warnings, charts, evaluation. */
    public static String html(ModelInfo info, TrainingRecord record, EvaluationReport evaluation, List<Figure> figures) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dlkit training report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}img{max-width:100%}")
                .append(".warn{color:#a40}</style></head><body>\n");
        h.append("<h1>dlkit training report</h1>\n");
        h.append("<p>Predicts <b>").append(esc(info.labelName())).append("</b> (").append(esc(String.join(", ",
                info.classNames()))).append(") from ").append(info.imageSize() == null
                ? info.featureNames().size() + " features"
                : info.imageSize() + "-pixel images (" + info.featureNames().size() + " inputs)").append("; seed ")
                .append(info.seed()).append("; dlkit ").append(esc(info.dlkitVersion())).append(".</p>\n");
        h.append("<h2>Settings</h2>\n<table>");
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(info.settings()).entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(esc(show(e.getValue())))
                    .append("</td></tr>");
        }
        h.append("</table>\n");
        TrainingResult result = record.result();
        h.append("<h2>Training</h2>\n<p>").append(result.epochs()).append(" epochs; ").append(esc(result.stopReason()))
                .append(result.resumedFrom() > 0 ? "; resumed from the checkpoint of epoch " + result.resumedFrom() : "")
                .append(".</p>\n");
        h.append("<h2>Diagnostics</h2>\n");
        if (record.warnings().isEmpty()) {
            h.append("<p>No failure mode seen (dead ReLUs, saturation, vanishing or exploding gradients, update sizes).</p>\n");
        } else {
            h.append("<ul>");
            record.warnings().forEach(w -> h.append("<li class=\"warn\">").append(esc(w)).append("</li>"));
            h.append("</ul>\n");
        }
        for (Figure f : figures) {
            h.append("<figure><img alt=\"").append(esc(f.caption())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>")
                    .append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        if (evaluation != null) {
            evaluationSection(h, evaluation);
        }
        return h.append("</body></html>\n").toString();
    }

    private static void evaluationSection(StringBuilder h, EvaluationReport ev) {
        h.append(String.format(Locale.ROOT, "<h2>Evaluation on %d held-out rows</h2>\n<p>accuracy <b>%.4f</b>, "
                + "macro F1 %.4f</p>\n", ev.examples(), ev.accuracy(), ev.macroF1()));
        if (ev.examples() > 0) {
            h.append(String.format(Locale.ROOT, "<p>majority-class baseline %.4f (always '%s')%s</p>\n", ev.baseline(),
                    esc(ev.majorityClass()), ev.noBetterThanChance() ? String.format(Locale.ROOT,
                            ": <b>the accuracy is not clearly above it</b> (it takes above %.4f on these rows), nor "
                            + "is the balanced accuracy %.4f above chance: no better than chance; see each class's "
                            + "recall and F1", ev.clearlyAboveAt(), ev.balancedAccuracy()) : ""));
        }
        h.append("<table><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>");
        for (EvaluationReport.ClassMetrics c : ev.classes()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>",
                    esc(c.name()), c.precision(), c.recall(), c.f1(), c.support()));
        }
        h.append("</table>\n<p>Confusion matrix (rows: actual, columns: predicted)</p>\n<table><tr><th></th>");
        ev.classNames().forEach(n -> h.append("<th>").append(esc(n)).append("</th>"));
        h.append("</tr>");
        for (int a = 0; a < ev.classNames().size(); a++) {
            h.append("<tr><td>").append(esc(ev.classNames().get(a))).append("</td>");
            for (int count : ev.confusion()[a]) {
                h.append("<td>").append(count).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</table>\n");
    }

    private static String show(Object value) {
        return value instanceof int[] a ? java.util.Arrays.toString(a) : String.valueOf(value);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
