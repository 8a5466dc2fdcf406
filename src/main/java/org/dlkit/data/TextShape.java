package org.dlkit.data;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text column with too many distinct values to one-hot holds when it is not free text: times of day
 * ({@code 14:30}) or durations ({@code 3:45}), lists ({@code ['pop', 'rock']}), numbers with a unit
 * ({@code 60.8 kg}) or values in single quotes ({@code '2.5'}, which CSV does not read as quotes). They are left
 * out, as before, but named for what they are, with how to make them usable, instead of as "an ID, a name or free
 * text?".
 *
 * @param what     {@code "looks like times of day (e.g. '14:30')"}: the reason printed in the schema
 * @param howToUse what the user can do to use the column
 */
record TextShape(String what, String howToUse) {

    /**
     * {@code 14:30}, {@code 9:05:59}, {@code 14:30:00.250}, {@code 2:30 pm}, {@code 2:30PM}; durations too: {@code 3:45},
     * {@code 45:12}, {@code 125:30} (group 1: the first part, group 4: am or pm).
     */
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,3}):\\d{2}(:\\d{2}(\\.\\d+)?)?( ?(?i:[ap]\\.?m\\.?))?");
    /** A number, then a unit made of letters ({@code 60.8 kg}, {@code 5kg}, {@code 3,5 km/h}, {@code 12 m²}). */
    private static final Pattern UNIT = Pattern.compile(
            "[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][-+]?\\d+)?( ?)(\\p{L}[\\p{L}/²³.]*)");

    /** The shape of {@code values} when at least 90% of them have it (and one unit for all), else null. */
    static TextShape of(Collection<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        long needed = (values.size() * 9L + 9) / 10;
        List<String> singleQuoted = values.stream().filter(v -> v.length() >= 2 && v.startsWith("'")
                && v.endsWith("'")).toList();
        if (singleQuoted.size() >= needed) {
            return new TextShape("holds values in single quotes (e.g. '" + singleQuoted.get(0) + "')",
                    "CSV quotes a field with double quotes, \", so the single quotes are part of each value: save "
                    + "the file with \" as the quote character");
        }
        if (values.stream().filter(TextShape::isList).count() >= needed) {
            return new TextShape("holds lists (e.g. '" + values.stream().filter(TextShape::isList).findFirst()
                    .orElseThrow() + "')", "to use it, make a column for each element, 1 where a row's list holds it "
                    + "and 0 where not");
        }
        String time = null;
        long times = 0;
        int firstMax = 0;
        boolean clockLike = false;
        Map<String, Integer> units = new HashMap<>();
        Map<String, String> unitExample = new HashMap<>();
        for (String v : values) {
            Matcher t = TIME.matcher(v);
            if (t.matches()) {
                times++;
                time = time == null ? v : time;
                int first = Integer.parseInt(t.group(1));
                firstMax = Math.max(firstMax, first);
                clockLike |= t.group(4) != null || t.group(1).startsWith("0") || first >= 13;
                continue;
            }
            Matcher m = UNIT.matcher(v);
            if (m.matches()) {
                units.merge(m.group(4) + m.group(5), 1, Integer::sum);
                unitExample.putIfAbsent(m.group(4) + m.group(5), v);
            }
        }
        if (times >= needed) {
            // a first part of 24 or more is no hour of a day; am/pm, 09:30 or 14:30 are seldom a duration's minutes
            if (firstMax >= 24) {
                return new TextShape("looks like durations (e.g. '" + time + "')",
                        "to use it, write it as a number, such as seconds: 3:45 as 225");
            }
            if (clockLike) {
                return new TextShape("looks like times of day (e.g. '" + time + "')",
                        "to use it, write it as a number, such as hours since midnight: 14:30 as 14.5");
            }
            return new TextShape("looks like times of day or durations (e.g. '" + time + "')", "to use it, write it "
                    + "as a number: hours since midnight for a time of day, 14:30 as 14.5, seconds for a duration, "
                    + "3:45 as 225");
        }
        return units.entrySet().stream().filter(e -> e.getValue() >= needed).findFirst()
                .map(e -> new TextShape(String.format(Locale.ROOT, "holds numbers with a unit (e.g. '%s')",
                        unitExample.get(e.getKey())), String.format(Locale.ROOT, "to use it, write the numbers "
                        + "without '%s', and the unit in the column's name", e.getKey())))
                .orElse(null);
    }

    /**
     * A code of digits and capital letters without spaces: ICD-9's {@code 250.83}, {@code V57}, {@code E888}, a retail
     * stock code {@code 85123A}, an invoice {@code C536379}.
     */
    private static final Pattern CODE = Pattern.compile("[A-Z]{0,3}\\d+([.-]\\d+)?[A-Z]{0,2}");

    /**
     * Codes ({@link #CODE}) when at least 90% of {@code values} are codes and some are not plain numbers: a column of
     * codes with more distinct values than {@code max} ({@code --max-categories}), not mostly unique (then it is an
     * ID), named for what it is with the ways to use it; {@code argument} is the column's name as an option value.
     */
    static TextShape codes(Collection<String> values, int max, String argument) {
        List<String> codes = values.stream().filter(v -> CODE.matcher(v).matches()).toList();
        String lettered = codes.stream().filter(v -> !Character.isDigit(v.charAt(0))
                || !Character.isDigit(v.charAt(v.length() - 1))).findFirst().orElse(null);
        if (values.size() <= max || codes.size() < (values.size() * 9L + 9) / 10 || lettered == null) {
            return null;
        }
        String digits = codes.stream().filter(v -> v.chars().allMatch(c -> Character.isDigit(c) || c == '.'))
                .findFirst().orElse(null);
        return new TextShape(String.format(Locale.ROOT, "holds codes (e.g. %s'%s'): %d distinct values, more than "
                + "--max-categories %d", digits == null ? "" : "'" + digits + "', ", lettered, values.size(), max),
                String.format(Locale.ROOT, "pass --max-categories %d or --categorical %s to one-hot encode them, one "
                        + "input per code, or group them into fewer categories first, such as by their first "
                        + "characters", values.size(), argument));
    }

    /** A Python or JSON list written into a cell: {@code ['pop', 'rock']}, {@code ["a","b"]}, {@code [1, 2]}. */
    private static boolean isList(String v) {
        return v.length() >= 2 && v.startsWith("[") && v.endsWith("]");
    }
}
